package dev.checkpoint.assets.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which recorded call answers an actual one: the same call first, and, in the replay of a service's
 * entry, a write whose values changed by the recorded write of the same statement.
 */
class ReplayLedgerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSERT = "insert into payments(id,amount) values (?,?)";

  private final CheckpointNode entry;

  ReplayLedgerTest() {
    entry =
        tree(
            sql(INSERT, "{\"1\": \"p-1\", \"2\": 9000}", "{\"updateCount\": 1}"),
            sql("select amount from payments where id=?", "{\"1\": \"p-1\"}", "{\"rows\": []}"),
            sql(INSERT + " returning id", "{\"1\": \"p-2\", \"2\": 100}", "{\"rows\": []}"),
            publish("payments", "payment.authorised", "{\"amount\": 9000}"));
  }

  @Test
  void anEntrysWriteWithChangedValuesIsAnsweredByTheRecordedWriteOfTheSameStatement() {
    ReplayLedger ledger = ReplayLedger.forEntry("the recording", entry, Normaliser.none(), "Fix.");

    assertThat(ledger.take(ReplayViews.Protocol.SQL, sqlInput(INSERT, "p-1", 9025)))
        .hasValueSatisfying(
            answer ->
                assertThat(answer.checkpoint().fields().at("/output/updateCount").asInt())
                    .isEqualTo(1));
    assertThat(
            ledger.take(
                ReplayViews.Protocol.MESSAGE,
                "",
                JSON.createObjectNode()
                    .put("exchange", "payments")
                    .put("routingKey", "payment.authorised")
                    .set("body", JSON.createObjectNode().put("amount", 9025))))
        .isPresent();
    assertThat(ledger.failures()).isEmpty();
    // Each recorded write answers once: a second changed INSERT is more than was recorded.
    assertThat(ledger.take(ReplayViews.Protocol.SQL, sqlInput(INSERT, "p-9", 1))).isEmpty();
  }

  @Test
  void readsAndWritesThatReturnRowsAreNotAnsweredWhenTheirValuesChanged() {
    ReplayLedger ledger = ReplayLedger.forEntry("the recording", entry, Normaliser.none(), "Fix.");

    assertThat(
            ledger.take(
                ReplayViews.Protocol.SQL,
                sqlInput("select amount from payments where id=?", "p-2")))
        .isEmpty();
    assertThat(ledger.take(ReplayViews.Protocol.SQL, sqlInput(INSERT + " returning id", "p-2", 1)))
        .isEmpty();
    assertThat(ledger.failures())
        .hasSize(2)
        .allSatisfy(failure -> assertThat(failure).startsWith("Unexpected SQL call"));
  }

  @Test
  void aTestsReplayAnswersOnlyTheSameWrite() {
    ReplayLedger ledger = ReplayLedger.of("the asset", List.of(entry), Normaliser.none());

    assertThat(ledger.take(ReplayViews.Protocol.SQL, sqlInput(INSERT, "p-1", 9025))).isEmpty();
    assertThat(ledger.lastFailure()).contains("~ /parameters/2: 9000 -> 9025");
    assertThat(ledger.take(ReplayViews.Protocol.SQL, sqlInput(INSERT, "p-1", 9000))).isPresent();
  }

  @Test
  void redisWritesAnsweredWhateverTheValueAreThoseWhoseReplyDoesNotDependOnIt() {
    CheckpointNode cacheEntry =
        tree(
            cache("SET", "[\"price:42\"]", "[\"12.50\"]", "\"OK\""),
            cache("SET", "[\"lock:42\"]", "[\"me\", \"NX\"]", "\"OK\""),
            cache("GET", "[\"price:42\"]", "[]", "\"12.50\""));
    ReplayLedger ledger =
        ReplayLedger.forEntry("the recording", cacheEntry, Normaliser.none(), "Fix.");

    assertThat(ledger.take(ReplayViews.Protocol.CACHE, "SET", cacheInput("SET", "price:42", "13")))
        .isPresent();
    assertThat(
            ledger.take(
                ReplayViews.Protocol.CACHE, "SET", cacheInput("SET", "lock:42", "you", "NX")))
        .as("SET NX answers nil when the key exists: its reply depends on what Redis held")
        .isEmpty();
    assertThat(ledger.take(ReplayViews.Protocol.CACHE, "GET", cacheInput("GET", "price:43")))
        .isEmpty();
    assertThat(ledger.failures().get(0))
        .startsWith("Unexpected CACHE call SET lock:42 [\"you\",\"NX\"]: no recorded call")
        .contains("~ /arguments/0: \"me\" -> \"you\"");
    assertThat(ledger.failures().get(1))
        .startsWith("Unexpected CACHE call GET price:43:")
        .contains("~ /keys/0: \"price:42\" -> \"price:43\"");
  }

  private static ObjectNode cacheInput(String command, String key, String... arguments) {
    ObjectNode input = JSON.createObjectNode().put("command", command);
    input.putArray("keys").add(key);
    ArrayNode values = input.putArray("arguments");
    for (String argument : arguments) {
      values.add(argument);
    }
    return input;
  }

  private ObjectNode cache(String command, String keys, String arguments, String reply) {
    return checkpoint(
        "c" + next,
        "root",
        "CACHE",
        command,
        "{\"command\": \""
            + command
            + "\", \"keys\": "
            + keys
            + ", \"arguments\": "
            + arguments
            + "}",
        "{\"reply\": " + reply + "}",
        next++);
  }

  private static ObjectNode sqlInput(String statement, Object... values) {
    ObjectNode parameters = JSON.createObjectNode();
    for (int i = 0; i < values.length; i++) {
      parameters.set(Integer.toString(i + 1), JSON.valueToTree(values[i]));
    }
    return ReplayViews.sql(statement, parameters, null);
  }

  private static CheckpointNode tree(ObjectNode... calls) {
    List<ObjectNode> wire = new ArrayList<>();
    wire.add(checkpoint("root", null, "HTTP_SERVER", "POST /payments", "{}", "{}", 0));
    wire.addAll(List.of(calls));
    return CheckpointTrees.assemble(wire).get(0);
  }

  private int next = 1;

  private ObjectNode sql(String statement, String parameters, String output) {
    return checkpoint(
        "c" + next,
        "root",
        "SQL",
        statement.substring(0, statement.indexOf(' ')).toUpperCase() + " payments",
        "{\"statement\": \"" + statement + "\", \"parameters\": " + parameters + "}",
        output,
        next++);
  }

  private ObjectNode publish(String exchange, String routingKey, String body) {
    return checkpoint(
        "c" + next,
        "root",
        "MESSAGE_PUBLISH",
        exchange + " " + routingKey,
        "{\"exchange\": \""
            + exchange
            + "\", \"routingKey\": \""
            + routingKey
            + "\", \"body\": "
            + body
            + "}",
        "{}",
        next++);
  }

  private static ObjectNode checkpoint(
      String id, String parentId, String kind, String name, String input, String output, long at) {
    ObjectNode checkpoint = JSON.createObjectNode();
    checkpoint.put("id", id);
    checkpoint.put("traceId", "0af7651916cd43dd8448eb211c80319c");
    checkpoint.put("parentId", parentId);
    checkpoint.put("service", "payments");
    checkpoint.put("kind", kind);
    checkpoint.put("name", name);
    checkpoint.put("startTimeUnixNano", Long.toString(1763900000000000000L + at * 10));
    checkpoint.put("endTimeUnixNano", Long.toString(1763900000000000000L + at * 10 + 5));
    checkpoint.set("input", read(input));
    checkpoint.set("output", read(output));
    checkpoint.putNull("error");
    return checkpoint;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
