package dev.checkpoint.instrumentation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.replay.ReplayMismatchException;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.ReplayRecordings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis instrumentation's contract, run by every client (Lettuce, Jedis) against the real Redis
 * at 127.0.0.1:6379: what a {@code CACHE} checkpoint records, how values are redacted and replies
 * cut, how pipelines and transactions are recorded, and that the application sees what Redis
 * answered. Each test uses its own key prefix and deletes its keys.
 */
abstract class RedisInstrumentationTestKit {

  static final String REDIS = "Redis at 127.0.0.1:6379";
  static final String START_REDIS =
      "Start it with: scripts/services.sh (or redis-server --daemonize yes --port 6379).";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> keys = new ArrayList<>();
  private InMemoryExporter exporter;
  private String prefix;
  private RedisClient cleanup;

  /**
   * Connects a client whose commands the recorder records; skips or fails the test when Redis is
   * not reachable.
   */
  abstract RedisClient open(Instrumenter recorder) throws Exception;

  /**
   * The {@code redis.transaction} attribute of a command queued in a transaction that {@code
   * DISCARD} dropped: {@code discarded} when the client tells such a command from one that ran.
   */
  abstract String discardedCommandMark();

  @BeforeEach
  void start() throws Exception {
    exporter = InMemoryExporter.create();
    prefix = "checkpoint-test:" + UUID.randomUUID() + ":";
    cleanup = open(recorder(RecordingMode.OFF, 100, PayloadCapture.DEFAULT_MAX_BYTES));
  }

  @AfterEach
  void deleteKeys() {
    if (cleanup != null) {
      if (!keys.isEmpty()) {
        cleanup.del(keys.toArray(String[]::new));
      }
      cleanup.close();
    }
  }

  private CheckpointRecorder recorder(RecordingMode mode, int maxRows, int maxBytes) {
    return CheckpointRecorder.builder()
        .service("redis-test")
        .mode(mode)
        .maxRows(maxRows)
        .capture(PayloadCapture.create(Redaction.defaults(), maxBytes))
        .exporter(exporter)
        .build();
  }

  private CheckpointRecorder recording() {
    return recorder(RecordingMode.ON, 100, PayloadCapture.DEFAULT_MAX_BYTES);
  }

  /** A key of this test, deleted after it. */
  private String key(String name) {
    String key = prefix + name;
    keys.add(key);
    return key;
  }

  private static JsonNode json(dev.checkpoint.core.model.Payload payload) throws Exception {
    return JSON.readTree(payload.json());
  }

  private List<CheckpointData> cache(int count) throws Exception {
    return ExportedCheckpoints.await(exporter, count).stream()
        .filter(c -> c.kind() == Kind.CACHE)
        .sorted(java.util.Comparator.comparingLong(CheckpointData::startEpochNanos))
        .toList();
  }

  @Test
  void commandsAreRecordedWithKeysArgumentsAndReplyUnderTheCurrentCheckpoint() throws Exception {
    CheckpointRecorder recorder = recording();
    String price = key("price:42");
    String missing = key("price:43");
    try (RedisClient redis = open(recorder);
        ActiveCheckpoint parent = recorder.start(Kind.METHOD, "PriceCache.lookup", null)) {
      assertThat(redis.set(price, "12.50")).isEqualTo("OK");
      assertThat(redis.get(price)).isEqualTo("12.50");
      assertThat(redis.get(missing)).isNull();
    }
    List<CheckpointData> all = ExportedCheckpoints.await(exporter, 4);
    CheckpointData parent =
        all.stream().filter(c -> c.kind() == Kind.METHOD).findFirst().orElseThrow();
    List<CheckpointData> commands = cache(4);
    assertThat(commands).extracting(CheckpointData::name).containsExactly("SET", "GET", "GET");
    assertThat(commands).allSatisfy(c -> assertThat(c.parentId()).isEqualTo(parent.id()));
    assertThat(commands).allSatisfy(c -> assertThat(c.traceId()).isEqualTo(parent.traceId()));
    assertThat(json(commands.get(0).input()))
        .isEqualTo(
            JSON.readTree(
                "{\"command\":\"SET\",\"keys\":[\"" + price + "\"],\"arguments\":[\"12.50\"]}"));
    assertThat(json(commands.get(0).output())).isEqualTo(JSON.readTree("{\"reply\":\"OK\"}"));
    assertThat(json(commands.get(1).input()))
        .isEqualTo(
            JSON.readTree("{\"command\":\"GET\",\"keys\":[\"" + price + "\"],\"arguments\":[]}"));
    assertThat(json(commands.get(1).output())).isEqualTo(JSON.readTree("{\"reply\":\"12.50\"}"));
    assertThat(json(commands.get(2).output())).isEqualTo(JSON.readTree("{\"reply\":null}"));
    assertThat(commands).allSatisfy(c -> assertThat(c.error()).isNull());
  }

  @Test
  void valuesOfSecretKeysAndSecretsInsideValuesAreRedactedButKeysAreKept() throws Exception {
    String session = key("session:7f3a");
    String profile = key("profile:ann");
    String user = key("user:ann");
    try (RedisClient redis = open(recording())) {
      redis.set(session, "ann@example.com|admin");
      assertThat(redis.get(session)).isEqualTo("ann@example.com|admin");
      redis.set(profile, "{\"name\":\"Ann\",\"password\":\"hunter2\"}");
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("name", "Ann");
      fields.put("password", "hunter2");
      redis.hset(user, fields);
      assertThat(redis.hgetall(user)).containsEntry("password", "hunter2");
    }
    List<CheckpointData> commands = cache(5);
    CheckpointData setSession = commands.get(0);
    assertThat(json(setSession.input()).at("/keys/0").asText()).isEqualTo(session);
    assertThat(json(setSession.input()).get("arguments").asText()).isEqualTo(Redaction.MARKER);
    assertThat(setSession.redacted()).contains("input.arguments");
    CheckpointData getSession = commands.get(1);
    assertThat(json(getSession.output()).get("reply").asText()).isEqualTo(Redaction.MARKER);
    assertThat(getSession.redacted()).contains("output.reply");
    assertThat(getSession.output().json()).doesNotContain("ann@example.com");

    JsonNode profileValue =
        JSON.readTree(json(commands.get(2).input()).at("/arguments/0").asText());
    assertThat(profileValue.get("name").asText()).isEqualTo("Ann");
    assertThat(profileValue.get("password").asText()).isEqualTo(Redaction.MARKER);

    JsonNode hset = json(commands.get(3).input());
    assertThat(hset.at("/fields/name").asText()).isEqualTo("Ann");
    assertThat(hset.at("/fields/password").asText()).isEqualTo(Redaction.MARKER);
    JsonNode hgetall = json(commands.get(4).output());
    assertThat(hgetall.at("/reply/name").asText()).isEqualTo("Ann");
    assertThat(hgetall.at("/reply/password").asText()).isEqualTo(Redaction.MARKER);
    assertThat(commands.get(4).redacted()).contains("output.reply.password");
  }

  @Test
  void longRepliesAreCutToTheRowLimitAndLargeOnesToThePayloadLimit() throws Exception {
    String list = key("recent");
    String big = key("big");
    try (RedisClient redis = open(recorder(RecordingMode.ON, 3, 256))) {
      redis.rpush(list, "a", "b", "c", "d", "e");
      assertThat(redis.lrange(list)).containsExactly("a", "b", "c", "d", "e");
      redis.set(big, "x".repeat(1000));
      assertThat(redis.get(big)).hasSize(1000);
    }
    List<CheckpointData> commands = cache(4);
    CheckpointData lrange = commands.get(1);
    assertThat(lrange.name()).isEqualTo("LRANGE");
    assertThat(json(lrange.output()).get("reply")).isEqualTo(JSON.readTree("[\"a\",\"b\",\"c\"]"));
    assertThat(lrange.truncated()).contains("output.reply");
    CheckpointData get = commands.get(3);
    JsonNode output = json(get.output());
    assertThat(output.get("truncated").asBoolean()).isTrue();
    assertThat(output.get("originalSize").asInt()).isGreaterThan(1000);
    assertThat(get.truncated()).contains("output");
  }

  @Test
  void aFailedCommandRecordsTheErrorAndTheApplicationSeesIt() throws Exception {
    String name = key("name");
    Throwable thrown;
    try (RedisClient redis = open(recording())) {
      redis.set(name, "Ann");
      thrown = catchThrowable(() -> redis.incr(name));
    }
    assertThat(thrown).hasMessageContaining("not an integer");
    CheckpointData incr = cache(2).get(1);
    assertThat(incr.name()).isEqualTo("INCR");
    assertThat(incr.error()).isNotNull();
    assertThat(incr.error().message()).contains("not an integer");
  }

  @Test
  void aTransactionRecordsEachCommandQueuedWithItsResultFromExec() throws Exception {
    String order = key("order:1");
    String counter = key("orders");
    List<Object> results;
    try (RedisClient redis = open(recording())) {
      results = redis.setAndIncrementInTransaction(order, "NEW", counter);
    }
    assertThat(results).hasSize(2);
    List<CheckpointData> commands = cache(4);
    assertThat(commands)
        .extracting(CheckpointData::name)
        .containsExactly("MULTI", "SET", "INCR", "EXEC");
    CheckpointData set = commands.get(1);
    assertThat(json(set.attributes()).get("redis.transaction").asText()).isEqualTo("queued");
    assertThat(json(set.output())).isEqualTo(JSON.readTree("{\"reply\":\"OK\"}"));
    CheckpointData incr = commands.get(2);
    assertThat(json(incr.output())).isEqualTo(JSON.readTree("{\"reply\":1}"));
    assertThat(json(commands.get(3).output())).isEqualTo(JSON.readTree("{\"reply\":[\"OK\",1]}"));
    assertThat(json(commands.get(0).attributes()).has("redis.transaction")).isFalse();
    assertThat(json(commands.get(3).attributes()).has("redis.transaction")).isFalse();
  }

  @Test
  void aDiscardedTransactionMarksItsCommands() throws Exception {
    String order = key("order:2");
    try (RedisClient redis = open(recording())) {
      redis.setInDiscardedTransaction(order, "NEW");
      assertThat(redis.get(order)).isNull();
    }
    List<CheckpointData> commands = cache(4);
    assertThat(commands)
        .extracting(CheckpointData::name)
        .containsExactly("MULTI", "SET", "DISCARD", "GET");
    assertThat(json(commands.get(1).attributes()).get("redis.transaction").asText())
        .isEqualTo(discardedCommandMark());
    assertThat(json(commands.get(1).output())).isEqualTo(JSON.readTree("{\"reply\":null}"));
  }

  @Test
  void pipelinedCommandsAreOneCheckpointEachWithTheirOwnReply() throws Exception {
    String a = key("a");
    String b = key("b");
    String c = key("c");
    try (RedisClient redis = open(recording())) {
      redis.set(a, "1");
      redis.set(b, "2");
      redis.set(c, "3");
      assertThat(redis.pipelinedGets(a, b, c)).containsExactly("1", "2", "3");
    }
    List<CheckpointData> gets = cache(6).stream().filter(c2 -> c2.name().equals("GET")).toList();
    assertThat(gets).hasSize(3);
    Map<String, String> replies = new LinkedHashMap<>();
    for (CheckpointData get : gets) {
      replies.put(
          json(get.input()).at("/keys/0").asText(), json(get.output()).get("reply").asText());
    }
    assertThat(replies).containsEntry(a, "1").containsEntry(b, "2").containsEntry(c, "3");
  }

  @Test
  void recordingSwitchedOnInTheMiddleOfAPipelineRecordsTheLaterCommandsWithTheirReplies()
      throws Exception {
    String a = key("a");
    String b = key("b");
    CheckpointRecorder recorder = recorder(RecordingMode.OFF, 100, 1024);
    try (RedisClient redis = open(recorder)) {
      redis.set(a, "1");
      redis.set(b, "2");
      List<String> values =
          redis.pipelinedGets(() -> recorder.control().set(RecordingMode.ON, null), a, a, b);
      assertThat(values).containsExactly("1", "1", "2");
      assertThat(redis.get(a)).isEqualTo("1");
    }
    List<CheckpointData> commands = cache(2);
    assertThat(commands).extracting(CheckpointData::name).containsExactly("GET", "GET");
    assertThat(json(commands.get(0).input()).at("/keys/0").asText()).isEqualTo(b);
    assertThat(json(commands.get(0).output())).isEqualTo(JSON.readTree("{\"reply\":\"2\"}"));
    assertThat(json(commands.get(1).output())).isEqualTo(JSON.readTree("{\"reply\":\"1\"}"));
  }

  @Test
  void nothingIsRecordedWhenRecordingIsOff() throws Exception {
    String key = key("off");
    try (RedisClient redis = open(recorder(RecordingMode.OFF, 100, 1024))) {
      redis.set(key, "v");
      assertThat(redis.get(key)).isEqualTo("v");
      assertThat(redis.pipelinedGets(key, key)).containsExactly("v", "v");
    }
    assertThat(exporter.checkpoints()).isEmpty();
  }

  // Replay: commands answered from a recording made against the real Redis, whose keys are
  // deleted before the replay, so that a command reaching Redis would find nothing.

  @TempDir Path recordings;

  /** The keys of the recorded cache work, and the recording's key. */
  record Recorded(String price, String user, String list, String counter, String key) {}

  /** Records a cache's reads and writes under an entry, then deletes every key from Redis. */
  Recorded recordCacheWork() throws Exception {
    String price = key("price:42");
    String user = key("user:7");
    String list = key("list");
    String counter = key("counter");
    cleanup.hset(user, Map.of("name", "Ann"));
    cleanup.rpush(list, "a", "b");
    CheckpointRecorder recorder = recording();
    String recordingKey;
    try (RedisClient redis = open(recorder)) {
      recordingKey =
          ReplayRecordings.record(
              recorder,
              exporter,
              recordings,
              () -> {
                redis.set(price, "12.50");
                redis.get(price);
                redis.hgetall(user);
                redis.lrange(list);
                redis.incr(counter);
                redis.pipelinedGets(price, counter);
                // Lettuce's listener may end a checkpoint after the reply reached the caller.
                ExportedCheckpoints.await(exporter, 7);
              });
    }
    cleanup.del(price, user, list, counter);
    return new Recorded(price, user, list, counter, recordingKey);
  }

  static PayloadCapture capture() {
    return PayloadCapture.create(Redaction.defaults(), PayloadCapture.DEFAULT_MAX_BYTES);
  }

  @Test
  void aJunitReplayAnswersEveryCommandFromTheRecordingAndNoneReachesRedis() throws Exception {
    Recorded recorded = recordCacheWork();
    ReplayLedger ledger = ReplayRecordings.testLedger(recordings);
    InMemoryExporter replayed = InMemoryExporter.create();

    try (RedisClient redis = open(ReplayRecordings.testReplayer(capture(), replayed, ledger))) {
      assertThat(redis.set(recorded.price(), "12.50")).isEqualTo("OK");
      assertThat(redis.get(recorded.price())).isEqualTo("12.50");
      assertThat(redis.hgetall(recorded.user())).containsExactly(Map.entry("name", "Ann"));
      assertThat(redis.lrange(recorded.list())).containsExactly("a", "b");
      assertThat(redis.incr(recorded.counter())).isEqualTo(1);
      assertThat(redis.pipelinedGets(recorded.price(), recorded.counter()))
          .containsExactly("12.50", "1");
    }

    assertThat(ledger.failures()).isEmpty();
    assertThat(ledger.unused()).as("every recorded command was made").isEmpty();
    assertThat(cleanup.get(recorded.price())).as("the SET did not reach Redis").isNull();
    assertThat(cleanup.get(recorded.counter())).as("nor the INCR").isNull();
    assertThat(replayed.checkpoints()).hasSize(7);
  }

  @Test
  void aJunitReplayFailsAnUnrecordedCommandAndNamesTheRecordedOnesNeverMade() throws Exception {
    Recorded recorded = recordCacheWork();
    ReplayLedger ledger = ReplayRecordings.testLedger(recordings);
    Throwable unrecorded;

    try (RedisClient redis =
        open(ReplayRecordings.testReplayer(capture(), InMemoryExporter.create(), ledger))) {
      assertThat(redis.set(recorded.price(), "12.50")).isEqualTo("OK");
      assertThat(redis.get(recorded.price())).isEqualTo("12.50");
      unrecorded = catchThrowable(() -> redis.get(key("price:43")));
    }

    assertThat(unrecorded)
        .isInstanceOf(ReplayMismatchException.class)
        .hasMessageStartingWith("Unexpected CACHE call GET checkpoint-test:<uuid>:price:43:")
        .hasMessageContaining("no recorded call in recorded.json matches it");
    assertThat(ledger.failures()).hasSize(1);
    assertThat(ledger.unused())
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith(
                        "5 recorded calls in recorded.json were never made (strict replay):")
                    .contains("redis-test/CACHE/HGETALL#0: HGETALL checkpoint-test:<uuid>:user:7\n")
                    .contains("redis-test/CACHE/INCR#0: INCR checkpoint-test:<uuid>:counter\n")
                    .contains("redis-test/CACHE/GET#2: GET checkpoint-test:<uuid>:counter\n"));
  }

  @Test
  void aServiceInReplayIsAnsweredAndAChangedCachedValueIsRecordedWhereItWasWritten()
      throws Exception {
    Recorded recorded = recordCacheWork();
    InMemoryExporter replayed = InMemoryExporter.create();
    CheckpointRecorder replayer = ReplayRecordings.replayer(capture(), replayed, recordings);
    String[] read = new String[1];

    try (RedisClient redis = open(replayer)) {
      ReplayRecordings.replay(
          replayer,
          recorded.key(),
          () -> {
            assertThat(redis.set(recorded.price(), "13.00")).isEqualTo("OK");
            read[0] = redis.get(recorded.price());
          });
    }

    assertThat(read[0]).as("the recorded reply, not Redis's").isEqualTo("12.50");
    assertThat(cleanup.get(recorded.price())).isNull();
    CheckpointData set =
        replayed.checkpoints().stream()
            .filter(c -> c.name().equals("SET"))
            .findFirst()
            .orElseThrow();
    assertThat(set.error()).isNull();
    assertThat(json(set.input()).at("/arguments/0").asText())
        .as("the changed value, for the comparison of the replayed tree with the recorded one")
        .isEqualTo("13.00");
    assertThat(json(set.output()).at("/reply").asText()).isEqualTo("OK");
  }
}
