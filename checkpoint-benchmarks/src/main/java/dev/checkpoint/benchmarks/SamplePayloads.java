package dev.checkpoint.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Realistic payloads of known JSON size for the benchmarks. */
final class SamplePayloads {

  /** An order line as an application would pass it around. */
  record Line(String sku, String name, int quantity, long priceCents) {}

  /** About 200 bytes of JSON: the size of a typical method argument. */
  record Order(String orderId, String customer, List<Line> lines, String currency) {}

  private SamplePayloads() {}

  static Order smallOrder() {
    return new Order(
        "ORD-1834",
        "alice@example.com",
        List.of(
            new Line("BOOK-1", "The Checkpoint Handbook", 1, 2490),
            new Line("MUG-2", "Drift Mug", 2, 950)),
        "EUR");
  }

  /** An order whose JSON is about {@code bytes} long. */
  static Order orderOfSize(int bytes) {
    List<Line> lines = new ArrayList<>();
    // Each line serialises to about 83 bytes.
    for (int i = 0; i < bytes / 83; i++) {
      lines.add(new Line("SKU-" + i, "Product number " + i, i % 5 + 1, 100L * i));
    }
    return new Order("ORD-" + bytes, "bulk@example.com", lines, "EUR");
  }
}
