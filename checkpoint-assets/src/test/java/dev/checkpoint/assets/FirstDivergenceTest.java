package dev.checkpoint.assets;

import static dev.checkpoint.assets.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.FirstDivergence.Reason;
import dev.checkpoint.assets.FirstDivergence.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstDivergenceTest {

  private static final String ROOT = "orders/HTTP_SERVER/POST /orders#0";
  private static final String PLACE = ROOT + " > orders/METHOD/OrderService.place#0";

  /**
   * The shape every case varies: {@code POST /orders} calls {@code OrderService.place}, which runs
   * {@code select stock} and then {@code insert order}; then the root calls {@code Mail.send}.
   */
  private static final class Shop {
    final ObjectNode root = node("r", null, "HTTP_SERVER", "POST /orders", 0);
    final ObjectNode place = node("p", "r", "METHOD", "OrderService.place", 1);
    final ObjectNode select = node("s", "p", "SQL", "select stock", 2);
    final ObjectNode insert = node("i", "p", "SQL", "insert order", 3);
    final ObjectNode mail = node("m", "r", "METHOD", "Mail.send", 4);

    Shop() {
      root.set("input", json("{\"body\":{\"sku\":\"A\",\"qty\":2}}"));
      root.set("output", json("{\"status\":201,\"body\":{\"total\":9000}}"));
      place.set("input", json("[\"A\",2]"));
      place.set("output", json("{\"total\":9000}"));
      select.set("input", json("{\"parameters\":[\"A\"]}"));
      select.set("output", json("{\"rows\":[{\"price\":4500}]}"));
      insert.set("input", json("{\"parameters\":[\"A\",2,9000]}"));
      insert.set("output", json("{\"updateCount\":1}"));
      mail.set("input", json("[\"total 9000\"]"));
      mail.set("output", json("null"));
    }

    List<CheckpointNode> trees() {
      return CheckpointTrees.assemble(List.of(root, place, select, insert, mail));
    }

    List<CheckpointNode> without(ObjectNode left) {
      List<ObjectNode> nodes = new ArrayList<>(List.of(root, place, select, insert, mail));
      nodes.remove(left);
      return CheckpointTrees.assemble(nodes);
    }
  }

  private static ObjectNode node(String id, String parent, String kind, String name, long start) {
    return Wire.checkpoint(id, parent, "orders", kind, name, start);
  }

  private static FirstDivergence first(List<CheckpointNode> expected, List<CheckpointNode> actual) {
    return FirstDivergence.of(StructuralDiff.defaults().compare(expected, actual)).orElseThrow();
  }

  private static List<String> others(FirstDivergence first) {
    return first.others().stream().map(d -> d.side() + " " + d.key().last().name()).toList();
  }

  private static List<String> changes(List<ValueChange> changes) {
    return changes.stream()
        .map(c -> c.type() + " " + c.path() + " " + c.expected() + " -> " + c.actual())
        .toList();
  }

  @Test
  void aChangedInputIsTheFirstDivergenceAndItsCallerTheCauseThoughTheCallerStartedEarlier() {
    Shop actual = new Shop();
    actual.insert.set("input", json("{\"parameters\":[\"A\",2,9025]}"));
    actual.place.set("output", json("{\"total\":9025}"));
    actual.root.set("output", json("{\"status\":201,\"body\":{\"total\":9025}}"));
    actual.mail.set("input", json("[\"total 9025\"]"));

    FirstDivergence first = first(new Shop().trees(), actual.trees());

    assertThat(first.side()).isEqualTo(Side.INPUT);
    assertThat(first.key()).hasToString(PLACE + " > orders/SQL/insert order#0");
    assertThat(changes(first.changes()))
        .containsExactly("CHANGED /input/parameters/2 9000 -> 9025");
    assertThat(first.cause().orElseThrow().key()).hasToString(PLACE);
    assertThat(first.cause().orElseThrow().reason()).isEqualTo(Reason.PASSED_DIFFERENT_INPUT);
    assertThat(others(first))
        .as("outputs come back up before later siblings start")
        .containsExactly("OUTPUT OrderService.place", "INPUT Mail.send", "OUTPUT POST /orders");
  }

  @Test
  void aChangedOutputUnderAnUnchangedInputIsItsOwnCause() {
    Shop actual = new Shop();
    actual.select.set("output", json("{\"rows\":[{\"price\":4600}]}"));
    actual.insert.set("input", json("{\"parameters\":[\"A\",2,9200]}"));
    actual.root.set("output", json("{\"status\":201,\"body\":{\"total\":9200}}"));

    FirstDivergence first = first(new Shop().trees(), actual.trees());

    assertThat(first.side()).isEqualTo(Side.OUTPUT);
    assertThat(first.key()).hasToString(PLACE + " > orders/SQL/select stock#0");
    assertThat(changes(first.changes()))
        .containsExactly("CHANGED /output/rows/0/price 4500 -> 4600");
    assertThat(first.cause().orElseThrow().key()).isEqualTo(first.key());
    assertThat(first.cause().orElseThrow().reason()).isEqualTo(Reason.OWN_RESULT);
    assertThat(others(first)).containsExactly("INPUT insert order", "OUTPUT POST /orders");
  }

  @Test
  void anErrorWhereThereWasNoneIsAnErrorDivergenceWithTheLostOutput() {
    Shop actual = new Shop();
    actual.insert.set("output", json("null"));
    actual.insert.set("error", json("{\"type\":\"java.sql.SQLException\",\"message\":\"locked\"}"));
    actual.place.set("output", json("null"));
    actual.place.set("error", json("{\"type\":\"java.sql.SQLException\",\"message\":\"locked\"}"));

    FirstDivergence first = first(new Shop().trees(), actual.trees());

    assertThat(first.side()).isEqualTo(Side.ERROR);
    assertThat(first.key().last().name()).isEqualTo("insert order");
    assertThat(first.changes()).extracting(ValueChange::path).containsExactly("/error", "/output");
    assertThat(first.cause().orElseThrow().key()).isEqualTo(first.key());
    assertThat(others(first)).containsExactly("ERROR OrderService.place");
  }

  @Test
  void anAddedCallIsCausedByItsCaller() {
    Shop expected = new Shop();
    Shop actual = new Shop();
    ObjectNode audit = node("a", "p", "SQL", "insert audit", 3);
    audit.set("input", json("{\"parameters\":[\"A\"]}"));
    List<ObjectNode> nodes =
        List.of(actual.root, actual.place, actual.select, audit, actual.insert, actual.mail);

    FirstDivergence first = first(expected.trees(), CheckpointTrees.assemble(nodes));

    assertThat(first.side()).isEqualTo(Side.ADDED);
    assertThat(first.key()).hasToString(PLACE + " > orders/SQL/insert audit#0");
    assertThat(changes(first.changes()))
        .containsExactly("ADDED /input  -> {\"parameters\":[\"A\"]}");
    assertThat(first.cause().orElseThrow().key()).hasToString(PLACE);
    assertThat(first.cause().orElseThrow().reason()).isEqualTo(Reason.CALLS_CHANGED);
    assertThat(first.others()).isEmpty();
  }

  @Test
  void aRemovedCallIsCausedByItsCallerInTheActualTrees() {
    Shop actual = new Shop();
    actual.place.set("output", json("{\"total\":0}"));

    FirstDivergence first = first(new Shop().trees(), actual.without(actual.select));

    assertThat(first.side()).isEqualTo(Side.REMOVED);
    assertThat(first.key()).hasToString(PLACE + " > orders/SQL/select stock#0");
    assertThat(changes(first.changes()))
        .containsExactly("REMOVED /input {\"parameters\":[\"A\"]} -> ");
    assertThat(first.cause().orElseThrow().key()).hasToString(PLACE);
    assertThat(others(first)).containsExactly("OUTPUT OrderService.place");
  }

  @Test
  void aMovedCallIsCausedByItsNewCaller() {
    Shop actual = new Shop();
    actual.mail.put("parentId", "p");
    actual.mail.set("startTimeUnixNano", actual.insert.get("startTimeUnixNano"));

    FirstDivergence first =
        first(
            new Shop().trees(),
            CheckpointTrees.assemble(
                List.of(actual.root, actual.place, actual.select, actual.mail, actual.insert)));

    assertThat(first.side()).isEqualTo(Side.MOVED);
    assertThat(first.key()).hasToString(PLACE + " > orders/METHOD/Mail.send#0");
    assertThat(first.changes()).isEmpty();
    assertThat(first.cause().orElseThrow().key()).hasToString(PLACE);
  }

  @Test
  void aRootWhoseInputChangedHasNoRecordedCause() {
    Shop actual = new Shop();
    actual.root.set("input", json("{\"body\":{\"sku\":\"A\",\"qty\":3}}"));

    FirstDivergence first = first(new Shop().trees(), actual.trees());

    assertThat(first.side()).isEqualTo(Side.INPUT);
    assertThat(first.key()).hasToString(ROOT);
    assertThat(first.cause()).isEmpty();
    assertThat(DiffRenderer.text(first, false)).contains("Cause: not recorded");
  }

  @Test
  void changesOfAttributesOnlyAreNoDivergence() {
    Shop actual = new Shop();
    actual.insert.set("attributes", json("{\"db.system\":\"postgresql\"}"));
    TreeDiff diff = StructuralDiff.defaults().compare(new Shop().trees(), actual.trees());

    assertThat(diff.isEmpty()).isFalse();
    assertThat(FirstDivergence.of(diff)).isEmpty();
    assertThat(FirstDivergence.of(new TreeDiff(List.of()))).isEmpty();
  }

  @Test
  void findsTheDivergenceAtTheBottomOfTheDeepestTreeWithoutRecursion() {
    int depth = CheckpointTrees.MAX_DEPTH;
    List<ObjectNode> expected = new ArrayList<>();
    List<ObjectNode> actual = new ArrayList<>();
    for (int level = 0; level < depth; level++) {
      String parent = level == 0 ? null : "n" + (level - 1);
      for (List<ObjectNode> side : List.of(expected, actual)) {
        ObjectNode node = node("n" + level, parent, "METHOD", "Step.run", level);
        node.set("input", IntNode.valueOf(level));
        node.set("output", IntNode.valueOf(side == expected ? 0 : 1));
        side.add(node);
      }
    }
    actual.get(depth - 1).set("input", IntNode.valueOf(-1));

    FirstDivergence first =
        first(CheckpointTrees.assemble(expected), CheckpointTrees.assemble(actual));

    assertThat(first.side()).isEqualTo(Side.INPUT);
    assertThat(first.key().segments()).hasSize(depth);
    assertThat(first.cause().orElseThrow().key().segments()).hasSize(depth - 1);
    assertThat(first.others()).hasSize(depth).allMatch(d -> d.side() == Side.OUTPUT);
    assertThat(first.others().get(0).key()).isEqualTo(first.key());
    assertThat(first.others().get(depth - 1).key().segments()).hasSize(1);
  }

  @Test
  void asJsonWithTheChangedFieldsTheCauseAndTheLaterDivergences() {
    Shop actual = new Shop();
    actual.insert.set("input", json("{\"parameters\":[\"A\",2,9025]}"));
    actual.root.set("output", json("{\"status\":201,\"body\":{\"total\":9025}}"));

    JsonNode json = first(new Shop().trees(), actual.trees()).toJson();

    assertThat(json)
        .isEqualTo(
            json(
                """
                {"key": "%s > orders/SQL/insert order#0", "side": "input",
                 "changes": [{"path": "/input/parameters/2", "type": "changed",
                              "expected": 9000, "actual": 9025}],
                 "cause": {"key": "%s", "reason": "passed_different_input",
                           "explanation": "its input is unchanged, but a checkpoint it called\
                 received different input"},
                 "others": [{"key": "%s", "side": "output"}]}
                """
                    .formatted(PLACE, PLACE, ROOT)));
  }

  @Test
  void rendersTheFirstDivergenceAsTextAndMarkdown() {
    Shop actual = new Shop();
    actual.insert.set("input", json("{\"parameters\":[\"A\",2,9025]}"));
    actual.root.set("output", json("{\"status\":201,\"body\":{\"total\":9025}}"));
    FirstDivergence first = first(new Shop().trees(), actual.trees());

    assertThat(DiffRenderer.text(first, false))
        .isEqualTo(
            """
            First divergence: input of %s > orders/SQL/insert order#0
                ~ /input/parameters/2: 9000 -> 9025
            Cause: %s
                its input is unchanged, but a checkpoint it called received different input
            1 later divergence below.
            """
                .formatted(PLACE, PLACE));
    assertThat(DiffRenderer.text(first, true))
        .startsWith("\u001B[33mFirst divergence: input of ")
        .contains("\u001B[33m    ~ /input/parameters/2: 9000 -> 9025\u001B[0m\n");
    assertThat(DiffRenderer.markdown(first))
        .isEqualTo(
            """
            **First divergence:** input of `%s > orders/SQL/insert order#0`

            | path | expected | actual |
            | --- | --- | --- |
            | `/input/parameters/2` | `9000` | `9025` |

            **Cause:** `%s`: its input is unchanged, but a checkpoint it called received \
            different input

            1 later divergence below.
            """
                .formatted(PLACE, PLACE));
  }

  /** The demo shop's committed asset, as {@code --payments-fee-cents 25} changes it. */
  @Test
  void namesTheFeeInTheDemoShopsPlaceOrderAsset() throws Exception {
    Path file = Path.of("../checkpoint-demo/src/test/resources/checkpoints/shop/place-order.json");
    Asset committed = AssetFormat.read(file);
    String insert =
        "orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0 >"
            + " payments/HTTP_SERVER/POST /payments#0 > payments/SQL/INSERT payments#0";
    ObjectNode text = (ObjectNode) Wire.MAPPER.readTree(Files.readString(file));
    boolean found = false;
    for (JsonNode checkpoint : text.get("checkpoints")) {
      if (checkpoint.get("key").asText().equals(insert)) {
        JsonNode parameters = checkpoint.at("/input/parameters");
        assertThat(parameters.get("4").asInt()).isEqualTo(9000);
        ((ObjectNode) parameters).put("4", 9025);
        found = true;
      }
    }
    assertThat(found).as("the asset has " + insert).isTrue();
    Asset withFee = AssetFormat.read(text.toString(), "place-order with a fee");

    FirstDivergence first =
        FirstDivergence.of(StructuralDiff.defaults().compare(committed, withFee)).orElseThrow();

    assertThat(first.side()).isEqualTo(Side.INPUT);
    assertThat(first.key()).hasToString(insert);
    assertThat(changes(first.changes()))
        .containsExactly("CHANGED /input/parameters/4 9000 -> 9025");
    assertThat(first.cause().orElseThrow().key())
        .hasToString(
            "orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0 >"
                + " payments/HTTP_SERVER/POST /payments#0");
    assertThat(first.others()).isEmpty();
  }
}
