package dev.checkpoint.benchmarks;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The input and output of the load harness's checkpoints: an HTTP server checkpoint of an order
 * service, about 1 KiB together. The values come from a generator seeded by the checkpoint's
 * number, so that a batch has the variety of real traffic (ids, names, items, amounts differ from
 * one request to the next). With the number alone changing, a batch compressed 31-fold with gzip
 * and its request body was unrealistically small; with these a batch of 125 KB gzips to 15 KB.
 */
final class IngestPayloads {
  private static final String[] FIRST = {
    "Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Radia", "Tim",
    "Frances", "John", "Kate", "Dennis", "Hedy", "Linus", "Sophie", "Niklaus", "Anita", "Bjarne"
  };
  private static final String[] LAST = {
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson",
    "Perlman", "Berners-Lee", "Allen", "Backus", "Johnson", "Ritchie", "Lamarr", "Torvalds",
    "Wilson", "Wirth", "Borg", "Stroustrup"
  };
  private static final String[] CITIES = {
    "London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Lisbon", "Dublin", "Oslo", "Prague"
  };
  private static final String[] STREETS = {
    "Analytical Engine Road",
    "Compiler Lane",
    "Lambda Street",
    "Recursion Avenue",
    "Heap Close",
    "Stack Yard",
    "Pointer Place",
    "Kernel Row"
  };
  private static final String[] NOTES = {
    "leave at the door, ring twice",
    "",
    "call on arrival",
    "gift wrap, no invoice in the box",
    "deliver to the neighbour at 14",
    "weekdays after 6 pm only"
  };
  private static final String[] AGENTS = {"shop-web/4.2.1", "shop-ios/7.0.3", "shop-android/7.1"};
  private static final String[] STATES = {"CONFIRMED", "PENDING_PAYMENT", "BACKORDERED"};

  private IngestPayloads() {}

  static String input(long n) {
    SplittableRandom random = new SplittableRandom(n);
    String first = pick(random, FIRST);
    String last = pick(random, LAST);
    StringBuilder json = new StringBuilder(640);
    json.append("{\"method\":\"POST\",\"path\":\"/orders/")
        .append(n)
        .append("\",\"query\":{\"expand\":[\"items\",\"customer\"]},\"headers\":{\"content-type\":")
        .append("\"application/json\",\"accept\":\"application/json\",\"user-agent\":\"")
        .append(pick(random, AGENTS))
        .append("\",\"x-request-id\":\"")
        .append(IngestLoadHarness.hex(random.nextLong(), 16))
        .append(IngestLoadHarness.hex(random.nextLong(), 16))
        .append("\"},\"body\":{\"customer\":{\"id\":\"c-")
        .append(random.nextInt(1_000_000))
        .append("\",\"name\":\"")
        .append(first)
        .append(' ')
        .append(last)
        .append("\",\"email\":\"")
        .append(first.toLowerCase(Locale.ROOT))
        .append('.')
        .append(last.toLowerCase(Locale.ROOT))
        .append(random.nextInt(100))
        .append("@example.com\"},\"items\":[");
    int items = 1 + random.nextInt(4);
    for (int i = 0; i < items; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"SKU-")
          .append(random.nextInt(100_000))
          .append("\",\"quantity\":")
          .append(1 + random.nextInt(5))
          .append(",\"price\":")
          .append(random.nextInt(50_000) / 100.0)
          .append('}');
    }
    return json.append("],\"shipping\":{\"street\":\"")
        .append(1 + random.nextInt(200))
        .append(' ')
        .append(pick(random, STREETS))
        .append("\",\"city\":\"")
        .append(pick(random, CITIES))
        .append("\",\"zip\":\"")
        .append(10_000 + random.nextInt(90_000))
        .append("\"},\"notes\":\"")
        .append(pick(random, NOTES))
        .append("\"}}")
        .toString();
  }

  static String output(long n) {
    SplittableRandom random = new SplittableRandom(~n);
    return "{\"status\":201,\"headers\":{\"content-type\":\"application/json\",\"location\":"
        + "\"/orders/"
        + n
        + "\"},\"body\":{\"orderId\":\""
        + orderId(random)
        + "\",\"total\":"
        + random.nextInt(200_000) / 100.0
        + ",\"currency\":\"EUR\",\"state\":\""
        + pick(random, STATES)
        + "\",\"estimatedDelivery\":\"2026-12-"
        + (10 + random.nextInt(20))
        + "\",\"payment\":{\"id\":\"p-"
        + IngestLoadHarness.hex(random.nextLong(), 16)
        + "\",\"method\":\"card\",\"last4\":\""
        + (1000 + random.nextInt(9000))
        + "\"}}}";
  }

  /**
   * The order id in the output of checkpoint {@code n}: a word found in that one checkpoint only.
   *
   * @param n the checkpoint's number
   * @return the id, as in the output's text
   */
  static String orderId(long n) {
    return orderId(new SplittableRandom(~n));
  }

  private static String orderId(SplittableRandom random) {
    return "o-" + IngestLoadHarness.hex(random.nextLong(), 16);
  }

  private static String pick(SplittableRandom random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
