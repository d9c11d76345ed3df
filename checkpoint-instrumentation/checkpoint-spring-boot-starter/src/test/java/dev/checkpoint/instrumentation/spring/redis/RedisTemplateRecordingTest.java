package dev.checkpoint.instrumentation.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.spring.internal.LettuceInstrumentation;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Spring Data Redis on Lettuce with the starter, against the real Redis: the commands a request
 * sends through {@code StringRedisTemplate} are {@code CACHE} checkpoints under the request's.
 */
@SpringBootTest(
    classes = PricesApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=prices", "checkpoint.mode=ON"})
class RedisTemplateRecordingTest extends AbstractRedisTemplateTest {

  @Autowired private List<LettuceInstrumentation> instrumentation;

  @Test
  void commandsAreCacheCheckpointsUnderTheRequest() throws Exception {
    assertThat(instrumentation).hasSize(1);
    assertThat(put("/prices/A-1", "12.50").statusCode()).isEqualTo(204);

    List<CheckpointData> set = ExportedCheckpoints.await(exporter, 2);
    CheckpointData setServer = only(set, Kind.HTTP_SERVER);
    CheckpointData setCommand = only(set, Kind.CACHE);
    assertThat(setServer.name()).isEqualTo("PUT /prices/{sku}");
    assertThat(setCommand.name()).isEqualTo("SET");
    assertThat(setCommand.parentId()).isEqualTo(setServer.id());
    assertThat(setCommand.traceId()).isEqualTo(setServer.traceId());
    assertThat(setCommand.service()).isEqualTo("prices");
    assertThat(setCommand.error()).isNull();
    JsonNode setInput = RecordedJson.of(setCommand.input());
    assertThat(setInput.path("command").asText()).isEqualTo("SET");
    assertThat(setInput.path("keys").get(0).asText()).isEqualTo(PREFIX + "A-1");
    assertThat(setInput.path("arguments").get(0).asText()).isEqualTo("12.50");
    assertThat(RecordedJson.of(setCommand.output()).path("reply").asText()).isEqualTo("OK");

    exporter.reset();
    assertThat(get("/prices/A-1").body()).isEqualTo("12.50");

    List<CheckpointData> read = ExportedCheckpoints.await(exporter, 2);
    CheckpointData getServer = only(read, Kind.HTTP_SERVER);
    CheckpointData getCommand = only(read, Kind.CACHE);
    assertThat(getServer.name()).isEqualTo("GET /prices/{sku}");
    assertThat(getCommand.name()).isEqualTo("GET");
    assertThat(getCommand.parentId()).isEqualTo(getServer.id());
    JsonNode getInput = RecordedJson.of(getCommand.input());
    assertThat(getInput.path("keys").get(0).asText()).isEqualTo(PREFIX + "A-1");
    assertThat(getInput.path("arguments")).isEmpty();
    assertThat(RecordedJson.of(getCommand.output()).path("reply").asText()).isEqualTo("12.50");
  }

  @Test
  void aMissIsRecordedWithItsNullReply() throws Exception {
    assertThat(get("/prices/none").statusCode()).isEqualTo(404);

    List<CheckpointData> tree = ExportedCheckpoints.await(exporter, 2);
    CheckpointData command = only(tree, Kind.CACHE);
    assertThat(command.parentId()).isEqualTo(only(tree, Kind.HTTP_SERVER).id());
    assertThat(RecordedJson.of(command.output()).path("reply").isNull()).isTrue();
  }

  @Test
  void offRecordsNothing() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    assertThat(put("/prices/B-2", "3.10").statusCode()).isEqualTo(204);
    assertThat(get("/prices/B-2").body()).isEqualTo("3.10");

    assertThat(exporter.checkpoints()).isEmpty();
  }

  private static CheckpointData only(List<CheckpointData> checkpoints, Kind kind) {
    List<CheckpointData> ofKind = checkpoints.stream().filter(c -> c.kind() == kind).toList();
    assertThat(ofKind).as("checkpoints of kind " + kind).hasSize(1);
    return ofKind.get(0);
  }
}
