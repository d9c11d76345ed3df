package example.plain;

import dev.checkpoint.Checkpoint;

/** A final class with a static {@code @Checkpoint} method that calls another one on itself. */
final class Prices {

  private Prices() {}

  @Checkpoint
  static int total(String item, int quantity) {
    return unitPrice(item) * quantity;
  }

  @Checkpoint("Prices.unit")
  private static int unitPrice(String item) {
    return item.length() * 100;
  }
}
