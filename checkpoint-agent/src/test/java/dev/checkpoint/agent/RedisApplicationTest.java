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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redis under the agent: a plain {@code main} with a {@code JedisPooled} or a Lettuce {@code
 * RedisClient} and no Checkpoint code sets, gets and deletes a key inside an HTTP request, on the
 * real Redis at 127.0.0.1:6379.
 */
class RedisApplicationTest {

  private static final String BODY = "{\"priceCents\":4500}";

  @TempDir Path dir;

  @BeforeAll
  static void redis() throws Exception {
    RequiredService.listening(
        "Redis", 6379, "Start it with: redis-server --daemonize yes (or scripts/services.sh).");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void recordsEachCommandUnderTheRequestAndNotTheConnectionsSetUp(String client) throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    String prefix = "checkpoint-agent-" + UUID.randomUUID() + ":";
    try (AgentProcess app = start(client, "ON", checkpoints, prefix)) {
      assertThat(app.send("PUT", "/cache/book-1", BODY, 200)).isEqualTo(BODY);
      app.stop();
    }
    List<JsonNode> recorded = read(checkpoints);
    JsonNode request = one(recorded, c -> is(c, "HTTP_SERVER", "PUT /cache/book-1"));
    List<JsonNode> commands = recorded.stream().filter(c -> kind(c, "CACHE")).toList();
    assertThat(commands)
        .extracting(c -> c.path("name").asText())
        .as("HELLO, CLIENT SETINFO and the like of a new connection are not recorded")
        .containsExactly("SET", "GET", "DEL", "GET");
    assertThat(commands)
        .allSatisfy(
            c -> assertThat(c.path("parentId").asText()).isEqualTo(request.path("id").asText()));
    assertThat(commands.get(0).at("/input/keys/0").asText()).isEqualTo(prefix + "book-1");
    assertThat(commands.get(1).at("/output/reply").toString()).contains("4500");
    assertThat(commands.get(3).at("/output/reply").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void recordsNothingWhileRecordingIsOff(String client) throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    try (AgentProcess app =
        start(client, "OFF", checkpoints, "checkpoint-agent-" + UUID.randomUUID() + ":")) {
      assertThat(app.send("PUT", "/cache/book-1", BODY, 200)).isEqualTo(BODY);
      app.stop();
    }
    assertThat(read(checkpoints)).isEmpty();
  }

  @Test
  void pairsRepliesWithTheirCommandsWhenRecordingSwitchesInsideAJedisPipeline() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    String token = "redis-control-token";
    List<String> options = new ArrayList<>(AgentProcess.recording("OFF", checkpoints));
    options.add("-Dcheckpoint.control.token=" + token);
    try (AgentProcess app =
        AgentProcess.start(
            dir,
            false,
            "example.redis.RedisApp",
            options,
            "jedis",
            "checkpoint-agent-" + UUID.randomUUID() + ":")) {
      // Twice: the second time the connection has had recorded calls, dropped when switched off.
      for (String key : List.of("book-1", "book-2")) {
        app.send("POST", "/pipeline/" + key + "/start", BODY, 200);
        assertThat(app.control(token, "{\"mode\":\"ON\"}").statusCode()).isEqualTo(200);
        assertThat(app.send("POST", "/pipeline/" + key + "/finish", "", 200)).isEqualTo(BODY);
        assertThat(app.control(token, "{\"mode\":\"OFF\"}").statusCode()).isEqualTo(200);
      }
      app.stop();
    }
    List<JsonNode> recorded = read(checkpoints);
    for (String key : List.of("book-1", "book-2")) {
      JsonNode finish =
          one(recorded, c -> is(c, "HTTP_SERVER", "POST /pipeline/" + key + "/finish"));
      assertThat(recorded)
          .filteredOn(c -> kind(c, "CACHE"))
          .filteredOn(c -> c.path("parentId").asText().equals(finish.path("id").asText()))
          .as("the pipeline's SET and GET sent while recording was off are not recorded")
          .singleElement()
          .satisfies(
              get -> {
                assertThat(get.path("name").asText()).isEqualTo("GET");
                assertThat(get.at("/output/reply").toString()).contains("4500");
              });
    }
    assertThat(recorded).filteredOn(c -> kind(c, "CACHE")).hasSize(2);
  }

  private AgentProcess start(String client, String mode, Path checkpoints, String prefix)
      throws IOException, InterruptedException {
    return AgentProcess.start(
        dir,
        false,
        "example.redis.RedisApp",
        AgentProcess.recording(mode, checkpoints),
        client,
        prefix);
  }
}
