package dev.checkpoint.agent;

import static dev.checkpoint.agent.RecordedCheckpoints.is;
import static dev.checkpoint.agent.RecordedCheckpoints.kind;
import static dev.checkpoint.agent.RecordedCheckpoints.one;
import static dev.checkpoint.agent.RecordedCheckpoints.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.broker.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka under the agent: a plain {@code main} with {@code kafka-clients} and no Checkpoint code
 * sends inside an HTTP request and consumes what it sent, on a real broker started by the test.
 */
class KafkaApplicationTest {

  private static final String BODY = "{\"order\":42}";

  @TempDir static Path brokerDir;
  static EmbeddedKafkaBroker kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafkaBroker.start(brokerDir, Duration.ofSeconds(90));
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void recordsTheSendUnderTheRequestAndTheRecordInTheSameTrace() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    String topic = "checkpoint-agent-" + UUID.randomUUID();
    try (AgentProcess app = start("ON", checkpoints, topic)) {
      assertThat(app.send("POST", "/events", BODY, 201)).isEqualTo(BODY);
      app.stop();
    }
    List<JsonNode> recorded = read(checkpoints);
    JsonNode request = one(recorded, c -> is(c, "HTTP_SERVER", "POST /events"));
    String trace = request.path("traceId").asText();
    JsonNode send = one(recorded, c -> kind(c, "MESSAGE_PUBLISH"));
    assertThat(send.path("traceId").asText()).isEqualTo(trace);
    assertThat(send.path("parentId").asText()).isEqualTo(request.path("id").asText());
    assertThat(send.at("/input/topic").asText()).isEqualTo(topic);
    assertThat(send.at("/input/key").asText()).isEqualTo("order-42");
    assertThat(send.at("/input/body/order").asInt()).isEqualTo(42);
    JsonNode consume = one(recorded, c -> kind(c, "MESSAGE_CONSUME"));
    assertThat(consume.path("traceId").asText()).as("traceparent in the headers").isEqualTo(trace);
    assertThat(consume.path("parentId").asText()).isEqualTo(send.path("id").asText());
    assertThat(consume.at("/input/body/order").asInt()).isEqualTo(42);
    assertThat(consume.at("/input/headers").toString()).doesNotContain("traceparent");
  }

  @Test
  void recordsNothingWhileRecordingIsOff() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    try (AgentProcess app = start("OFF", checkpoints, "checkpoint-agent-" + UUID.randomUUID())) {
      assertThat(app.send("POST", "/events", BODY, 201)).isEqualTo(BODY);
      app.stop();
    }
    assertThat(read(checkpoints)).isEmpty();
  }

  private AgentProcess start(String mode, Path checkpoints, String topic)
      throws IOException, InterruptedException {
    return AgentProcess.start(
        dir,
        false,
        "example.kafka.KafkaApp",
        AgentProcess.recording(mode, checkpoints),
        kafka.bootstrapServers(),
        topic);
  }
}
