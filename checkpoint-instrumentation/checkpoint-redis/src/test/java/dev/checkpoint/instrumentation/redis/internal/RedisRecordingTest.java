package dev.checkpoint.instrumentation.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which keys make a command's values secret, and which arguments are keys: decided without a
 * server, from the command as a client sends it.
 */
class RedisRecordingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "GET, session:7f3a, true",
    "GET, user:42:password, true",
    "GET, oauth2-token:ann, true",
    "GET, api:token, true",
    "GET, price:42, false",
    "GET, cart:7token, false",
    "GET, authors:ann, false",
    "GET, sessions-by-day:2026-12-05, false"
  })
  void aValueIsSecretWhenAPartOfItsKeyNamesASecret(String command, String key, boolean secret)
      throws Exception {
    InMemoryExporter exporter = InMemoryExporter.create();
    CheckpointRecorder recorder =
        CheckpointRecorder.builder().service("s").mode(RecordingMode.ON).exporter(exporter).build();
    RedisCall call =
        new RedisRecording(recorder)
            .start(command, List.of(key.getBytes(StandardCharsets.UTF_8)), false);
    call.succeeded("ann".getBytes(StandardCharsets.UTF_8), RedisValues.AS_TEXT);

    CheckpointData recorded = exporter.checkpoints().get(0);
    JsonNode input = JSON.readTree(recorded.input().json());
    assertThat(input.at("/keys/0").asText()).isEqualTo(key);
    assertThat(JSON.readTree(recorded.output().json()).get("reply").asText())
        .isEqualTo(secret ? Redaction.MARKER : "ann");
  }

  @ParameterizedTest
  @CsvSource({
    "'DEL a b c', '[\"a\",\"b\",\"c\"]', '[]'",
    "'MSET a 1 b 2', '[\"a\",\"b\"]', '[\"1\",\"2\"]'",
    "'EVAL return 2 a b x', '[\"a\",\"b\"]', '[\"return\",\"2\",\"x\"]'",
    "'PING hello', '[]', '[\"hello\"]'",
    "'ZADD board 1 ann', '[\"board\"]', '[\"1\",\"ann\"]'"
  })
  void keysArePlacedAsRedisSpecifiesThem(String sent, String keys, String arguments)
      throws Exception {
    InMemoryExporter exporter = InMemoryExporter.create();
    CheckpointRecorder recorder =
        CheckpointRecorder.builder().service("s").mode(RecordingMode.ON).exporter(exporter).build();
    String[] words = sent.split(" ");
    new RedisRecording(recorder)
        .start(words[0], List.of(words).subList(1, words.length), false)
        .succeeded(null, RedisValues.AS_TEXT);

    JsonNode input = JSON.readTree(exporter.checkpoints().get(0).input().json());
    assertThat(input.get("keys")).isEqualTo(JSON.readTree(keys));
    assertThat(input.get("arguments")).isEqualTo(JSON.readTree(arguments));
  }
}
