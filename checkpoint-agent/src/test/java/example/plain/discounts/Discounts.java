package example.plain.discounts;

/**
 * Annotated with the application's own {@link Checkpoint}, not the API's: on the class, for its
 * public methods, and on a package-private method with a name.
 */
@Checkpoint
public final class Discounts {

  private Discounts() {}

  /**
   * The discount on an order line.
   *
   * @param item the item
   * @param quantity how many
   * @return the discount in percent
   */
  public static int percent(String item, int quantity) {
    return quantity >= 3 ? bulk(item) : 0;
  }

  @Checkpoint("discounts.bulk")
  static int bulk(String item) {
    return item.length() * 2 + 2;
  }
}
