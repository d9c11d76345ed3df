package example.garden;

import dev.checkpoint.Checkpoint;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * The shop's rules; a plain {@code @Service}, no proxy around it. Its {@code @Checkpoint} methods,
 * the package-private helper called by the class itself included, are recorded by the agent.
 */
@Service
public class GardenService {

  private static final int FIRST_ORDER = 12;

  private final PlantRepository plants;
  private final Supplier supplier;

  GardenService(PlantRepository plants, Supplier supplier) {
    this.plants = plants;
    this.supplier = supplier;
  }

  /**
   * Adds a plant and orders its first stock.
   *
   * @param name the name as typed
   * @param priceCents the price in cents
   * @return the stored plant
   */
  @Checkpoint
  public Plant add(String name, int priceCents) {
    String clean = normalise(name);
    Supplier.Order confirmed = supplier.order(clean, FIRST_ORDER);
    return plants.save(new Plant(clean, priceCents, confirmed.quantity()));
  }

  /**
   * A plant by its id.
   *
   * @param id the id
   * @return the plant
   * @throws PlantNotFoundException when there is none
   */
  @Checkpoint
  public Plant find(long id) {
    return plants.findById(id).orElseThrow(() -> new PlantNotFoundException(id));
  }

  @Checkpoint
  String normalise(String name) {
    String trimmed = name.strip();
    return trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1);
  }
}
