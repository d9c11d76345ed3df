package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises alternated JMH rounds: each argument is the JSON result ({@code -rf json}) of one
 * round that ran the baseline and the candidates one after another. One round on two shared cores
 * is noise-prone, so the figures reported are the median and the spread (min..max) over the rounds
 * of each benchmark's score, its allocation per op ({@code -prof gc}), and its difference and ratio
 * to the baseline measured in the same round.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.checkpoint.benchmarks.JmhSummary <baseline-method>
 * round-1.json round-2.json ...}
 */
public final class JmhSummary {

  private static final String ALLOC = "gc.alloc.rate.norm";
  private static final String CPU = "cpu.time.norm";

  private JmhSummary() {}

  /**
   * Prints the summary table as Markdown.
   *
   * @param args the baseline benchmark method name, then one JMH JSON result per round
   * @throws IOException when a result file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: JmhSummary <baseline-method> <round-1.json> [round-2.json ...]\n"
              + "  each round is one JMH run with -rf json that includes the baseline method");
      System.exit(2);
    }
    String baseline = args[0];
    Map<String, Samples> byBenchmark = new LinkedHashMap<>();
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 1; i < args.length; i++) {
      JsonNode round = mapper.readTree(Path.of(args[i]).toFile());
      Map<String, Double> baseByParams = new HashMap<>();
      for (JsonNode result : round) {
        if (method(result).equals(baseline)) {
          baseByParams.put(params(result), compared(result));
        }
      }
      for (JsonNode result : round) {
        double score = result.path("primaryMetric").path("score").asDouble();
        Samples samples =
            byBenchmark.computeIfAbsent(
                method(result) + params(result),
                k -> new Samples(result.path("primaryMetric").path("scoreUnit")));
        samples.score.add(score);
        JsonNode alloc = result.path("secondaryMetrics").path(ALLOC).path("score");
        if (!alloc.isMissingNode()) {
          samples.alloc.add(alloc.asDouble());
        }
        JsonNode cpu = result.path("secondaryMetrics").path(CPU).path("score");
        if (!cpu.isMissingNode()) {
          samples.cpu.add(cpu.asDouble());
        }
        Double base = baseByParams.get(params(result));
        if (base != null) {
          samples.delta.add(compared(result) - base);
          samples.ratio.add(compared(result) / base);
        }
      }
    }
    System.out.printf(
        "%d rounds; median (min..max); baseline = %s in the same round%n%n",
        args.length - 1, baseline);
    System.out.println("| benchmark | score | CPU ns/op | B/op | Δ CPU vs baseline | CPU ratio |");
    System.out.println("|---|---|---|---|---|---|");
    byBenchmark.forEach(
        (name, s) ->
            System.out.printf(
                "| %s | %s %s | %s | %s | %s | %s |%n",
                name,
                Stats.spread(s.score),
                s.unit,
                Stats.spread(s.cpu),
                Stats.spread(s.alloc),
                Stats.spread(s.delta),
                Stats.spread(s.ratio)));
  }

  /**
   * What the baseline comparison uses: CPU time per op when it was measured, since wall time on
   * shared cores also counts the time other processes had the CPU; else the primary score.
   */
  private static double compared(JsonNode result) {
    JsonNode cpu = result.path("secondaryMetrics").path(CPU).path("score");
    return cpu.isMissingNode()
        ? result.path("primaryMetric").path("score").asDouble()
        : cpu.asDouble();
  }

  private static String method(JsonNode result) {
    String benchmark = result.path("benchmark").asText();
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /** The parameters of a result, so a baseline is only compared with its own parameter set. */
  private static String params(JsonNode result) {
    StringBuilder params = new StringBuilder();
    for (Map.Entry<String, JsonNode> param : result.path("params").properties()) {
      params.append(' ').append(param.getKey()).append('=').append(param.getValue().asText());
    }
    return params.toString();
  }

  private static final class Samples {
    final String unit;
    final List<Double> score = new ArrayList<>();
    final List<Double> alloc = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
    final List<Double> delta = new ArrayList<>();
    final List<Double> ratio = new ArrayList<>();

    Samples(JsonNode unit) {
      this.unit = unit.asText();
    }
  }
}
