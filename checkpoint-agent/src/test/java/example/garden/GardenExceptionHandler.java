package example.garden;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Answers an unknown plant with the shop's own 404 page. */
@ControllerAdvice
class GardenExceptionHandler {

  @ExceptionHandler(PlantNotFoundException.class)
  ModelAndView notFound(PlantNotFoundException e) {
    ModelAndView page = new ModelAndView("notFound", HttpStatus.NOT_FOUND);
    page.addObject("reason", e.getMessage());
    return page;
  }
}
