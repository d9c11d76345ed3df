package dev.checkpoint.core.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsumedBatchTest {

  private static final String TREE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TREE_B = "0af7651916cd43dd8448eb211c80319c";

  private final InMemoryExporter exporter = InMemoryExporter.create();
  private final CheckpointRecorder recorder =
      CheckpointRecorder.builder()
          .service("shipping")
          .mode(RecordingMode.ON)
          .exporter(exporter)
          .build();

  /** A message: its body and the publisher's context it carries, if any. */
  private record Message(String body, Context publisher) {}

  @Test
  void messagesOfOneTreeJoinItUnderTheBatch() {
    Context publisher = Context.of(TREE_A, "00f067aa0ba902b7", null);

    process(List.of(new Message("a", publisher), new Message("b", publisher)), () -> {});

    CheckpointData batch = named("CONSUME BATCH orders").get(0);
    assertThat(batch.traceId()).isEqualTo(TREE_A);
    assertThat(batch.parentId()).isEqualTo("00f067aa0ba902b7");
    assertThat(batch.input().json()).isEqualTo("{\"destination\":\"orders\",\"count\":2}");
    List<CheckpointData> messages = named("CONSUME orders");
    assertThat(messages).hasSize(2);
    assertThat(messages)
        .allSatisfy(
            message -> {
              assertThat(message.parentId()).isEqualTo(batch.id());
              assertThat(message.attributes().json()).doesNotContain("publisher");
            });
  }

  @Test
  void messagesOfSeveralTreesGetABatchTreeOfTheirOwnAndSayWhereTheyCameFrom() {
    Context a = Context.of(TREE_A, "00f067aa0ba902b7", null);
    Context b = Context.of(TREE_B, "b7ad6b7169203331", null);

    process(List.of(new Message("a", a), new Message("b", b), new Message("c", null)), () -> {});

    CheckpointData batch = named("CONSUME BATCH orders").get(0);
    assertThat(batch.traceId()).isNotIn(TREE_A, TREE_B);
    assertThat(batch.parentId()).isNull();
    assertThat(named("CONSUME orders"))
        .extracting(message -> message.attributes().json())
        .containsExactlyInAnyOrder(
            "{\"publisher\":\"00-" + TREE_A + "-00f067aa0ba902b7-01\"}",
            "{\"publisher\":\"00-" + TREE_B + "-b7ad6b7169203331-01\"}",
            "{}");
  }

  @Test
  void theListenersFailureIsTheErrorOfTheBatchAndEachMessageAndIsRethrown() {
    IllegalStateException refused = new IllegalStateException("refused");

    assertThatThrownBy(
            () ->
                process(
                    List.of(new Message("a", null), new Message("b", null)),
                    () -> {
                      throw refused;
                    }))
        .isSameAs(refused);

    assertThat(exporter.checkpoints()).hasSize(3);
    assertThat(exporter.checkpoints())
        .allSatisfy(c -> assertThat(c.error().message()).isEqualTo("refused"));
  }

  @Test
  void theListenerRunsInTheBatchsContextAndTheContextBeforeIsRestored() {
    String[] seen = new String[1];

    process(List.of(new Message("a", null)), () -> seen[0] = Context.current().checkpointId());

    assertThat(seen[0]).isEqualTo(named("CONSUME BATCH orders").get(0).id());
    assertThat(Context.current()).isNull();
  }

  @Test
  void offOnlyCallsTheListener() {
    recorder.control().set(RecordingMode.OFF, null);
    boolean[] called = new boolean[1];

    process(List.of(new Message("a", null)), () -> called[0] = true);

    assertThat(called[0]).isTrue();
    assertThat(exporter.checkpoints()).isEmpty();
  }

  private void process(List<Message> messages, ConsumedBatch.Listener<RuntimeException> listener) {
    ConsumedBatch.process(
        recorder,
        "orders",
        messages,
        message -> Optional.ofNullable(message.publisher()),
        (message, batch) -> start(message, batch),
        listener);
  }

  private RecordingCheckpoint start(Message message, Context batch) {
    return recorder.startDetached(
        Kind.MESSAGE_CONSUME, "CONSUME orders", Map.of("body", message.body()), batch);
  }

  private List<CheckpointData> named(String name) {
    return exporter.checkpoints().stream().filter(c -> c.name().equals(name)).toList();
  }
}
