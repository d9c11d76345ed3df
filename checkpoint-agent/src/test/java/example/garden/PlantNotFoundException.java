package example.garden;

/** No plant has the id a page asked for. */
class PlantNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PlantNotFoundException(long id) {
    super("No plant with id " + id);
  }
}
