package dev.checkpoint.assets;

import static dev.checkpoint.assets.Wire.checkpoint;
import static dev.checkpoint.assets.Wire.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckpointTreesTest {

  private static List<String> keys(List<CheckpointNode> roots) {
    List<String> keys = new ArrayList<>();
    for (CheckpointNode root : roots) {
      root.flatten().forEach(node -> keys.add(node.key().toString()));
    }
    return keys;
  }

  private static List<JsonNode> orderTree() {
    return List.of(
        checkpoint("a1", null, "orders", "HTTP_SERVER", "POST /orders", 0),
        checkpoint("a2", "a1", "orders", "SQL", "select stock", 10),
        checkpoint("a3", "a1", "orders", "HTTP_CLIENT", "POST /payments", 20),
        checkpoint("b1", "a3", "payments", "HTTP_SERVER", "POST /payments", 21),
        checkpoint("b2", "b1", "payments", "METHOD", "PaymentService.authorize", 22),
        checkpoint("a4", "a1", "orders", "SQL", "select stock", 30),
        checkpoint("a5", "a1", "orders", "SQL", "insert into orders", 40));
  }

  private static List<JsonNode> chain(int depth) {
    List<JsonNode> chain = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      chain.add(method("c" + i, i == 0 ? null : "c" + (i - 1), "step", i));
    }
    return chain;
  }

  @Test
  void aServiceSubtreeIsTheServicesOwnPartKeyedFromItsEntry() {
    List<JsonNode> tree = new ArrayList<>(orderTree());
    tree.add(checkpoint("b3", "b1", "payments", "HTTP_CLIENT", "POST /fraud", 23));
    tree.add(checkpoint("c1", "b3", "fraud", "HTTP_SERVER", "POST /fraud", 24));
    tree.add(checkpoint("c2", "c1", "fraud", "HTTP_CLIENT", "GET /payments/1", 25));
    tree.add(checkpoint("b4", "c2", "payments", "HTTP_SERVER", "GET /payments/1", 26));
    CheckpointNode payments =
        CheckpointTrees.calls(CheckpointTrees.assemble(tree), "POST /payments")
            .get(0)
            .children()
            .get(0);

    CheckpointNode own = CheckpointTrees.serviceSubtree(payments);

    assertThat(keys(List.of(own)))
        .containsExactly(
            "payments/HTTP_SERVER/POST /payments#0",
            "payments/HTTP_SERVER/POST /payments#0 > payments/METHOD/PaymentService.authorize#0",
            "payments/HTTP_SERVER/POST /payments#0 > payments/HTTP_CLIENT/POST /fraud#0");
    assertThat(own.id()).contains("b1");
    assertThat(own.fields()).isEqualTo(payments.fields());
  }

  @Test
  void treesAsDeepAsTheLimitBecomeAssetsAndDeeperOnesAreRefusedByName() {
    List<CheckpointNode> deepest = CheckpointTrees.assemble(chain(CheckpointTrees.MAX_DEPTH));
    Asset asset = Asset.ofTrees(deepest, Normaliser.defaults());
    Asset read = AssetFormat.read(AssetFormat.write(asset), "deep.json");
    assertThat(read.checkpoints().get(0).flatten()).hasSize(CheckpointTrees.MAX_DEPTH);
    assertThat(StructuralDiff.defaults().compare(asset, read).isEmpty()).isTrue();

    ObjectNode file = (ObjectNode) Wire.json(AssetFormat.write(asset));
    ArrayNode checkpoints = (ArrayNode) file.get("checkpoints");
    ObjectNode deeper = checkpoints.get(checkpoints.size() - 1).deepCopy();
    deeper.put("key", deeper.get("key").asText() + " > orders/METHOD/step#0");
    checkpoints.add(deeper);
    assertThatThrownBy(() -> AssetFormat.read(file.toString(), "deeper.json"))
        .isInstanceOf(AssetFormatException.class)
        .hasMessageContaining("is 1001 levels deep")
        .hasMessageContaining("Assets hold trees up to 1000 levels");

    assertThatThrownBy(() -> CheckpointTrees.assemble(chain(CheckpointTrees.MAX_DEPTH + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Checkpoint #1000 (id c1000) is 1001 levels deep in its tree, deeper than the 1000"
                + " levels assets, diffs and replays take. Record or export a subtree of it.");
  }

  @Test
  void linksCheckpointsGivenInAnyOrderIntoOneTreeInStartOrder() {
    List<JsonNode> shuffled = new ArrayList<>(orderTree());
    Collections.reverse(shuffled);

    List<CheckpointNode> roots = CheckpointTrees.assemble(shuffled);

    assertThat(keys(roots))
        .containsExactly(
            "orders/HTTP_SERVER/POST /orders#0",
            "orders/HTTP_SERVER/POST /orders#0 > orders/SQL/select stock#0",
            "orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0",
            "orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0"
                + " > payments/HTTP_SERVER/POST /payments#0",
            "orders/HTTP_SERVER/POST /orders#0 > orders/HTTP_CLIENT/POST /payments#0"
                + " > payments/HTTP_SERVER/POST /payments#0"
                + " > payments/METHOD/PaymentService.authorize#0",
            "orders/HTTP_SERVER/POST /orders#0 > orders/SQL/select stock#1",
            "orders/HTTP_SERVER/POST /orders#0 > orders/SQL/insert into orders#0");
  }

  /** A checkpoint in a form of its own, as the server's stored rows are. */
  private record Row(String id, String parentId, String name, long start) {
    CheckpointTrees.Identity identity() {
      return new CheckpointTrees.Identity("t", id, parentId, "shop", "METHOD", name, start);
    }
  }

  @Test
  void linksCheckpointsOfAnyFormAndWalksThemWithParentsAndDepths() {
    List<Row> rows =
        List.of(
            new Row("c", "a", "second", 20),
            new Row("x", "gone", "orphan", 5),
            new Row("a", null, "root", 0),
            new Row("b", "a", "first", 10),
            new Row("d", "b", "nested", 11));

    List<CheckpointTrees.Link<Row>> roots = CheckpointTrees.link(rows, Row::identity);
    List<CheckpointTrees.Placed<Row>> walk = CheckpointTrees.preOrder(roots);

    assertThat(walk)
        .extracting(placed -> placed.link().checkpoint().name())
        .containsExactly("root", "first", "nested", "second", "orphan");
    assertThat(walk).extracting(CheckpointTrees.Placed::parent).containsExactly(-1, 0, 1, 0, -1);
    assertThat(walk).extracting(CheckpointTrees.Placed::depth).containsExactly(0, 1, 2, 1, 0);
    assertThat(walk)
        .extracting(placed -> placed.link().orphan())
        .containsExactly(false, false, false, false, true);
  }

  @Test
  void walksAChainOfAnyDepthWithoutOverflowingTheStack() {
    List<Row> chain = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      chain.add(new Row("n" + i, i == 0 ? null : "n" + (i - 1), "call", i));
    }

    List<CheckpointTrees.Placed<Row>> walk =
        CheckpointTrees.preOrder(CheckpointTrees.link(chain, Row::identity));

    assertThat(walk).hasSize(100_000);
    assertThat(walk.get(99_999).depth()).isEqualTo(99_999);
  }

  @Test
  void givesTheSameTreesAndKeysWhateverTheInputOrder() {
    List<CheckpointNode> expected = CheckpointTrees.assemble(orderTree());
    Random random = new Random(42);
    for (int i = 0; i < 20; i++) {
      List<JsonNode> shuffled = new ArrayList<>(orderTree());
      Collections.shuffle(shuffled, random);
      assertThat(CheckpointTrees.assemble(shuffled)).isEqualTo(expected);
    }
  }

  /** Found by CheckpointTreesFuzzTest: the tie used to fall to the input order. */
  @Test
  void linksAnIdGivenTwiceInATraceTheSameWayWhateverTheInputOrder() {
    List<JsonNode> retried =
        List.of(
            method("1", null, "Work.run", 0),
            method("1", "1", "Work.run", 0),
            method("2", "1", "Work.run", 0),
            method("3", "2", "Work.run", 0),
            method("1", "3", "Work.run", 0));
    List<String> expected =
        List.of(
            "orders/METHOD/Work.run#0",
            "orders/METHOD/Work.run#0 > orders/METHOD/Work.run#0",
            "orders/METHOD/Work.run#0 > orders/METHOD/Work.run#1",
            "orders/METHOD/Work.run#0 > orders/METHOD/Work.run#1 > orders/METHOD/Work.run#0",
            "orders/METHOD/Work.run#0 > orders/METHOD/Work.run#1 > orders/METHOD/Work.run#0"
                + " > orders/METHOD/Work.run#0");
    List<JsonNode> reversed = new ArrayList<>(retried);
    Collections.reverse(reversed);

    assertThat(keys(CheckpointTrees.assemble(retried))).isEqualTo(expected);
    assertThat(keys(CheckpointTrees.assemble(reversed))).isEqualTo(expected);
  }

  @Test
  void breaksStartTimeTiesByKindNameAndId() {
    List<CheckpointNode> roots =
        CheckpointTrees.assemble(
            List.of(
                method("r", null, "root", 0),
                method("c3", "r", "b", 5),
                checkpoint("c2", "r", "orders", "SQL", "a", 5),
                method("c1", "r", "b", 5),
                method("c0", "r", "a", 5)));

    assertThat(roots.get(0).children())
        .extracting(node -> node.key().last() + " " + node.id().orElseThrow())
        .containsExactly(
            "orders/METHOD/a#0 c0",
            "orders/METHOD/b#0 c1",
            "orders/METHOD/b#1 c3",
            "orders/SQL/a#0 c2");
  }

  @Test
  void makesOrphansRootsAndKeepsSeveralTreesApart() {
    List<CheckpointNode> roots =
        CheckpointTrees.assemble(
            List.of(
                method("x2", "missing", "OrphanedWork.run", 5),
                method("x1", null, "Job.run", 0),
                method("x3", "x2", "Child.run", 6),
                method("x4", null, "Job.run", 10)));

    assertThat(roots)
        .extracting(node -> node.key().toString())
        .containsExactly(
            "orders/METHOD/Job.run#0",
            "orders/METHOD/OrphanedWork.run#0",
            "orders/METHOD/Job.run#1");
    assertThat(roots.get(1).children())
        .extracting(CheckpointNode::name)
        .containsExactly("Child.run");
  }

  @Test
  void keepsEveryCheckpointOfAParentCycle() {
    List<CheckpointNode> roots =
        CheckpointTrees.assemble(
            List.of(
                method("c1", "c2", "First", 1),
                method("c2", "c1", "Second", 2),
                method("self", "self", "Self", 3)));

    assertThat(keys(roots))
        .containsExactly(
            "orders/METHOD/First#0",
            "orders/METHOD/First#0 > orders/METHOD/Second#0",
            "orders/METHOD/Self#0");
  }

  @Test
  void linksOnlyWithinTheSameTrace() {
    ObjectNode parent = method("p", null, "Parent", 0);
    ObjectNode child = method("c", "p", "Child", 1);
    child.put("traceId", "11111111111111111111111111111111");

    assertThat(CheckpointTrees.assemble(List.of(parent, child))).hasSize(2);
  }

  @Test
  void keepsAssetFieldsAndDropsVolatileOnes() {
    ObjectNode wire = method("a", null, "PaymentService.authorize", 0);
    wire.putObject("input").put("amount", 12);
    wire.putObject("attributes").put("http.route", "/payments");
    wire.putObject("error").put("type", "Declined").put("message", "no").putArray("stack").add("x");
    wire.putArray("truncated").add("output.body");

    CheckpointNode node = CheckpointTrees.assemble(List.of(wire)).get(0);

    assertThat(node.id()).contains("a");
    assertThat(node.fields().toString())
        .isEqualTo(
            "{\"service\":\"orders\",\"kind\":\"METHOD\",\"name\":\"PaymentService.authorize\","
                + "\"input\":{\"amount\":12},\"output\":{},"
                + "\"error\":{\"type\":\"Declined\",\"message\":\"no\"},"
                + "\"attributes\":{\"http.route\":\"/payments\"},\"truncated\":[\"output.body\"]}");
  }

  @Test
  void rejectsACheckpointWithoutKindNamingIt() {
    ObjectNode wire = method("b7ad6b7169203331", null, "x", 0);
    wire.remove("kind");

    assertThatThrownBy(() -> CheckpointTrees.assemble(List.of(method("a", null, "y", 0), wire)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Checkpoint #1 (id \"b7ad6b7169203331\") has no 'kind'. Every recorded checkpoint"
                + " needs 'service', 'kind' and 'name' strings, as in the checkpoint wire format.");
  }

  @Test
  void findsCallsOfAComponentWithoutNestedRepeats() {
    List<CheckpointNode> roots =
        CheckpointTrees.assemble(
            List.of(
                method("r", null, "Checkout.run", 0),
                method("p1", "r", "PaymentService.authorize", 1),
                method("p2", "p1", "PaymentService.authorize", 2),
                method("p3", "r", "PaymentService.authorize", 3)));

    assertThat(CheckpointTrees.calls(roots, "PaymentService.authorize"))
        .extracting(node -> node.id().orElseThrow())
        .containsExactly("p1", "p3");
  }

  @Test
  void findsACheckpointByKey() {
    List<CheckpointNode> roots = CheckpointTrees.assemble(orderTree());
    CheckpointKey key =
        CheckpointKey.parse("orders/HTTP_SERVER/POST /orders#0 > orders/SQL/select stock#1");

    assertThat(CheckpointTrees.find(roots, key))
        .map(node -> node.id().orElseThrow())
        .contains("a4");
    assertThat(CheckpointTrees.find(roots, CheckpointKey.parse("orders/SQL/select stock#0")))
        .isEmpty();
  }
}
