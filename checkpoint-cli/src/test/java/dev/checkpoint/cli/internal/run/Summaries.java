package dev.checkpoint.cli.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.TreeDiff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Run summaries for report tests, with payloads that need escaping. */
final class Summaries {
  static final String NASTY = "<script>alert('x')</script> & \"quotes\" | pipe ]]>";

  private Summaries() {}

  static RunSummary withDriftNewUnchangedAndError(String serverUrl) {
    StepResult drift =
        new StepResult(
            "pay <by> card",
            "0af7651916cd43dd8448eb211c80319c",
            StepResult.Status.DRIFT,
            Path.of("assets/checkout/pay-by-card.json"),
            diff(),
            false);
    StepResult fresh =
        new StepResult(
            "browse",
            "1af7651916cd43dd8448eb211c80319c",
            StepResult.Status.NEW,
            Path.of("assets/checkout/browse.json"),
            StepResult.NO_DIFF,
            true);
    StepResult same =
        new StepResult(
            "login",
            "2af7651916cd43dd8448eb211c80319c",
            StepResult.Status.UNCHANGED,
            Path.of("assets/checkout/login.json"),
            StepResult.NO_DIFF,
            false);
    return new RunSummary(
        serverUrl,
        List.of(
            new ScenarioResult(
                "checkout",
                List.of("checkout-1"),
                List.of(drift, fresh, same),
                Map.of("browse", Set.of("/output/body/nonce")),
                null),
            new ScenarioResult(
                "refund", List.of(), List.of(), Map.of(), "Service 'refunds' " + NASTY)));
  }

  private static TreeDiff diff() {
    return StructuralDiff.defaults()
        .compare(
            CheckpointTrees.assemble(List.of(checkpoint("standard"))),
            CheckpointTrees.assemble(List.of(checkpoint(NASTY))));
  }

  private static JsonNode checkpoint(String rule) {
    try {
      return ServerClient.JSON.readTree(
          """
          {"id": "b7ad6b7169203331", "traceId": "0af7651916cd43dd8448eb211c80319c",
           "service": "payments", "kind": "METHOD", "name": "Pricing.price",
           "input": {"sku": "A"}, "output": {"rule": %s}}
          """
              .formatted(ServerClient.JSON.writeValueAsString(rule)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
