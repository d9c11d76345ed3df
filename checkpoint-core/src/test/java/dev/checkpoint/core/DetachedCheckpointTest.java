package dev.checkpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.Kind;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DetachedCheckpointTest {

  private final InMemoryExporter exporter = InMemoryExporter.create();
  private final CheckpointRecorder recorder =
      CheckpointRecorder.builder().mode(RecordingMode.ON).exporter(exporter).build();

  @Test
  void detachedCheckpointIsNotCurrentAndMayEndOnAnotherThread() throws Exception {
    Context parent =
        W3cPropagation.extract("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null)
            .orElseThrow();

    RecordingCheckpoint checkpoint =
        recorder.startDetached(Kind.HTTP_SERVER, "GET /a", null, parent);

    assertThat(Context.current()).isNull();
    CompletableFuture.runAsync(checkpoint::close).get();
    CheckpointData data = exporter.checkpoints().get(0);
    assertThat(data.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(data.parentId()).isEqualTo("b7ad6b7169203331");
    assertThat(Context.current()).isNull();
  }

  @Test
  void aGroupingCheckpointKnowsWhetherAnythingStartedUnderItAndMayBeDiscarded() {
    RecordingCheckpoint empty = recorder.startDetached(Kind.METHOD, "empty", null, null);
    RecordingCheckpoint group = recorder.startDetached(Kind.METHOD, "group", null, null);
    try (Scope ignored = group.context().makeCurrent()) {
      recorder.start(Kind.SQL, "SELECT 1", null).close();
      recorder.start(Kind.SQL, "SELECT 2", null).close();
    }

    assertThat(empty.hasChildren()).isFalse();
    assertThat(group.hasChildren()).isTrue();
    empty.discard();
    empty.close();
    group.close();
    assertThat(exporter.checkpoints())
        .extracting(CheckpointData::name)
        .containsExactly("SELECT 1", "SELECT 2", "group");
  }

  @Test
  void detachedStartFollowsTheModes() {
    recorder.control().set(RecordingMode.OFF, null);
    RecordingCheckpoint off = recorder.startDetached(Kind.METHOD, "m", null, null);
    assertThat(off.isRecording()).isFalse();
    off.setAttribute("a", 1).setOutput("o");
    off.close();

    recorder.control().set(RecordingMode.ON_DEMAND, null);
    RecordingCheckpoint withoutRun = recorder.startDetached(Kind.METHOD, "m", null, null);
    assertThat(withoutRun.isRecording()).isFalse();
    assertThat(withoutRun.context()).isNull();
    assertThat(withoutRun.id()).isNull();
    withoutRun.close();
    Context run = W3cPropagation.extract(null, "checkpoint.run=r-1").orElseThrow();
    RecordingCheckpoint checkpoint = recorder.startDetached(Kind.METHOD, "m", null, run);
    checkpoint.close();
    assertThat(exporter.checkpoints()).extracting(CheckpointData::runId).containsExactly("r-1");
  }

  @Test
  void inputAndNameMayBeReplacedUntilTheEnd() {
    RecordingCheckpoint checkpoint =
        recorder.startDetached(Kind.HTTP_SERVER, "GET /orders/7", Map.of("token", "t"), null);

    checkpoint.setInput(Map.of("password", "p"));
    checkpoint.setName("GET /orders/{id}");
    checkpoint.close();
    checkpoint.setName("ignored after close");

    CheckpointData data = exporter.checkpoints().get(0);
    assertThat(data.name()).isEqualTo("GET /orders/{id}");
    assertThat(data.input().json()).isEqualTo("{\"password\":\"[REDACTED]\"}");
    assertThat(data.redacted()).containsExactly("input.password");
  }
}
