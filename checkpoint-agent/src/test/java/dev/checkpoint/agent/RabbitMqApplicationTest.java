package dev.checkpoint.agent;

import static dev.checkpoint.agent.RecordedCheckpoints.is;
import static dev.checkpoint.agent.RecordedCheckpoints.kind;
import static dev.checkpoint.agent.RecordedCheckpoints.one;
import static dev.checkpoint.agent.RecordedCheckpoints.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.instrumentation.testkit.RequiredService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RabbitMQ under the agent: a plain {@code main} with the {@code amqp-client} and no Checkpoint
 * code publishes inside an HTTP request and consumes what it published, on the real RabbitMQ.
 */
class RabbitMqApplicationTest {

  private static final String BODY = "{\"order\":42}";

  @TempDir Path dir;

  @BeforeAll
  static void rabbitMq() throws Exception {
    RequiredService.listening(
        "RabbitMQ", 5672, "Start it with: rabbitmq-server -detached (or scripts/services.sh).");
  }

  @Test
  void recordsThePublishUnderTheRequestAndTheDeliveryInTheSameTrace() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    String queue = queue();
    try (AgentProcess app = start("ON", checkpoints, queue)) {
      assertThat(app.send("POST", "/messages", BODY, 201)).isEqualTo(BODY);
      app.stop();
    }
    List<JsonNode> recorded = read(checkpoints);
    JsonNode request = one(recorded, c -> is(c, "HTTP_SERVER", "POST /messages"));
    String trace = request.path("traceId").asText();
    JsonNode publish = one(recorded, c -> kind(c, "MESSAGE_PUBLISH"));
    assertThat(publish.path("traceId").asText()).isEqualTo(trace);
    assertThat(publish.path("parentId").asText()).isEqualTo(request.path("id").asText());
    assertThat(publish.at("/input/routingKey").asText()).isEqualTo(queue);
    assertThat(publish.at("/input/body/order").asInt()).isEqualTo(42);
    JsonNode consume = one(recorded, c -> is(c, "MESSAGE_CONSUME", "CONSUME " + queue));
    assertThat(consume.path("traceId").asText()).as("traceparent in the headers").isEqualTo(trace);
    assertThat(consume.path("parentId").asText()).isEqualTo(publish.path("id").asText());
    assertThat(consume.at("/input/body/order").asInt()).isEqualTo(42);
  }

  @Test
  void recordsNothingWhileRecordingIsOff() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    try (AgentProcess app = start("OFF", checkpoints, queue())) {
      assertThat(app.send("POST", "/messages", BODY, 201)).isEqualTo(BODY);
      app.stop();
    }
    assertThat(read(checkpoints)).isEmpty();
  }

  @Test
  void recordsEachCallOnceWhenTheApplicationSetsTheLibrarysCollector() throws Exception {
    Path agentCheckpoints = dir.resolve("agent.jsonl");
    Path libraryCheckpoints = dir.resolve("library.jsonl");
    String queue = queue();
    try (AgentProcess app =
        AgentProcess.start(
            dir,
            true,
            "example.rabbit.RabbitApp",
            AgentProcess.recording("ON", agentCheckpoints),
            queue,
            "library",
            libraryCheckpoints.toString())) {
      assertThat(app.send("POST", "/messages", BODY, 201)).isEqualTo(BODY);
      app.stop();
    }
    List<JsonNode> recorded = new ArrayList<>(read(agentCheckpoints));
    recorded.addAll(read(libraryCheckpoints));
    one(recorded, c -> is(c, "HTTP_SERVER", "POST /messages"));
    one(recorded, c -> kind(c, "MESSAGE_PUBLISH"));
    one(recorded, c -> is(c, "MESSAGE_CONSUME", "CONSUME " + queue));
    // The collector the application set replaced the agent's.
    assertThat(read(libraryCheckpoints)).anyMatch(c -> kind(c, "MESSAGE_PUBLISH"));
  }

  /** Unique, so that parallel builds on the same broker do not consume each other's messages. */
  private static String queue() {
    return "checkpoint-agent-" + UUID.randomUUID();
  }

  private AgentProcess start(String mode, Path checkpoints, String queue)
      throws IOException, InterruptedException {
    return AgentProcess.start(
        dir, false, "example.rabbit.RabbitApp", AgentProcess.recording(mode, checkpoints), queue);
  }
}
