package dev.checkpoint.instrumentation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.rabbitmq.client.Channel;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The replay of a recorded publish, the same whichever way the channel records (wrapped, or through
 * the connection's observation collector): the same publish, a changed body and another routing key
 * are replayed, and none of them is sent.
 */
final class ReplayedPublishes {

  private ReplayedPublishes() {}

  /**
   * Replays three publishes against the recording of {@code paid} to {@code queue} and checks what
   * each became.
   *
   * @param replayer the recorder in replay mode
   * @param replayed where it exports
   * @param key the recorded entry's key
   * @param replaying a channel recording through {@code replayer}
   * @param raw a channel that does not record, to look at the queue
   * @param queue the queue the recording published to
   * @param paid the recorded body
   */
  static void assertComparedAndNotSent(
      CheckpointRecorder replayer,
      InMemoryExporter replayed,
      String key,
      Channel replaying,
      Channel raw,
      String queue,
      byte[] paid)
      throws Exception {
    ReplayRecordings.replay(replayer, key, () -> replaying.basicPublish("", queue, null, paid));
    // A changed body is answered by the recorded publish to the same routing key (a publish
    // returns nothing that depends on it) and recorded as it is, for the tree's comparison.
    ReplayRecordings.replay(
        replayer,
        key,
        () ->
            replaying.basicPublish(
                "",
                queue,
                null,
                "{\"orderId\":\"o-1\",\"amountCents\":9025}".getBytes(StandardCharsets.UTF_8)));
    Throwable[] unmatched = new Throwable[1];
    ReplayRecordings.replay(
        replayer,
        key,
        () ->
            unmatched[0] =
                catchThrowable(() -> replaying.basicPublish("", queue + "-other", null, paid)));

    assertThat(raw.basicGet(queue, true)).as("nothing is sent in replay").isNull();
    assertThat(unmatched[0])
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Unexpected MESSAGE call publish to '' with routing key")
        .hasMessageContaining("/routingKey");
    List<CheckpointData> publishes =
        replayed.checkpoints().stream().filter(c -> c.kind() == Kind.MESSAGE_PUBLISH).toList();
    assertThat(publishes).hasSize(3);
    assertThat(publishes.get(0).error()).isNull();
    assertThat(publishes.get(1).error()).isNull();
    assertThat(publishes.get(1).input().json()).contains("\"amountCents\":9025");
    assertThat(publishes.get(2).error()).isNotNull();
  }
}
