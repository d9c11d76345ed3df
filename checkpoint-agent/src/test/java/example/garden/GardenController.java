package example.garden;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The shop's pages: the plant list, a plant, and the form that adds one. */
@Controller
class GardenController {

  private final GardenService garden;
  private final PlantRepository plants;

  GardenController(GardenService garden, PlantRepository plants) {
    this.garden = garden;
    this.plants = plants;
  }

  @GetMapping("/plants")
  String list(Model model) {
    model.addAttribute("plants", plants.findAllByOrderByNameAsc());
    return "plants/list";
  }

  @GetMapping("/plants/{id}")
  String show(@PathVariable long id, Model model) {
    model.addAttribute("plant", garden.find(id));
    return "plants/detail";
  }

  @PostMapping("/plants")
  String add(@RequestParam String name, @RequestParam int priceCents) {
    return "redirect:/plants/" + garden.add(name, priceCents).getId();
  }
}
