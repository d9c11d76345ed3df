package dev.checkpoint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Summarises alternated rounds of {@link IngestLoadHarness} for two builds: each argument is a file
 * of one build's {@code summary} lines without the word {@code summary}, one line per round, as
 * {@code scripts/load-ab.sh} collects them. For each figure it prints median (min..max) of each
 * build and the ratio of the medians, candidate over baseline.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.checkpoint.benchmarks.LoadSummary <baseline-rounds>
 * <candidate-rounds>}
 */
public final class LoadSummary {

  private LoadSummary() {}

  /**
   * Prints the summary table as Markdown.
   *
   * @param args the baseline's rounds file, then the candidate's
   * @throws IOException when a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println(
          "usage: LoadSummary <baseline-rounds> <candidate-rounds>\n"
              + "  each file holds one line of key=value figures per round (scripts/load-ab.sh)");
      System.exit(2);
    }
    Map<String, List<Double>> baseline = rounds(Path.of(args[0]));
    Map<String, List<Double>> candidate = rounds(Path.of(args[1]));
    System.out.println("| figure | baseline | candidate | candidate / baseline |");
    System.out.println("| --- | --- | --- | --- |");
    for (Map.Entry<String, List<Double>> figure : baseline.entrySet()) {
      List<Double> theirs = candidate.getOrDefault(figure.getKey(), List.of());
      double ratio =
          theirs.isEmpty() ? Double.NaN : Stats.median(theirs) / Stats.median(figure.getValue());
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %.2f |%n",
          figure.getKey(),
          Stats.spread(figure.getValue()),
          Stats.spread(theirs),
          ratio);
    }
  }

  /** The values of each figure over the rounds, figures in the order of the first line. */
  private static Map<String, List<Double>> rounds(Path file) throws IOException {
    Map<String, List<Double>> figures = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      for (String pair : line.trim().split("\\s+")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          figures
              .computeIfAbsent(pair.substring(0, equals), key -> new ArrayList<>())
              .add(Double.parseDouble(pair.substring(equals + 1)));
        }
      }
    }
    return figures;
  }
}
