package dev.checkpoint.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures the harnesses report: percentiles of latencies, median and spread over rounds. */
final class Stats {

  private Stats() {}

  /**
   * A percentile of sorted latencies.
   *
   * @param sorted latencies in nanoseconds, ascending
   * @param p the percentile, 0..1
   * @return the latency in milliseconds, NaN when there is none
   */
  static double percentileMillis(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
  }

  /**
   * The median and the range of values from several rounds.
   *
   * @param values one value per round
   * @return {@code median (min..max)}, or a dash when there are none
   */
  static String spread(List<Double> values) {
    if (values.isEmpty()) {
      return "–";
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return String.format(
        Locale.ROOT,
        "%s (%s..%s)",
        format(median(sorted)),
        format(sorted.get(0)),
        format(sorted.get(sorted.size() - 1)));
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String format(double value) {
    return Math.abs(value) >= 100
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
