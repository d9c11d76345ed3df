package dev.checkpoint.core.export;

import dev.checkpoint.Kind;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.model.Ids;
import dev.checkpoint.core.model.Payload;
import java.util.List;

/** Checkpoints for exporter tests, each with its own id and index in its name and input. */
public final class SampleCheckpoints {

  private SampleCheckpoints() {}

  public static CheckpointData sample(int index) {
    long start = 1_763_900_000_123_456_789L + index;
    return new CheckpointData(
        Ids.newCheckpointId(),
        "0af7651916cd43dd8448eb211c80319c",
        null,
        "run-1",
        "payments",
        Kind.METHOD,
        "FraudScorer.score#" + index,
        start,
        start + 10_000,
        "worker-1",
        Payload.ofJson("{\"amount\":" + index + "}"),
        Payload.ofJson("{\"score\":0.1}"),
        null,
        Payload.EMPTY_OBJECT,
        List.of(),
        List.of());
  }
}
