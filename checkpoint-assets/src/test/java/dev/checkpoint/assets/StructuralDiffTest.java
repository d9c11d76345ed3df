package dev.checkpoint.assets;

import static dev.checkpoint.assets.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuralDiffTest {

  private static final StructuralDiff DIFF = StructuralDiff.defaults();

  private static List<String> changes(ValueDiff diff) {
    return diff.changes().stream()
        .map(c -> c.type() + " " + c.path() + " " + c.expected() + " -> " + c.actual())
        .toList();
  }

  private static List<String> changes(String expected, String actual) {
    return changes(DIFF.compare(json(expected), json(actual)));
  }

  /** A tree: one root and children given as name=output pairs. */
  private static List<CheckpointNode> tree(String... children) {
    List<ObjectNode> wire = new ArrayList<>();
    wire.add(Wire.method("root", null, "Job.run", 0));
    for (int i = 0; i < children.length; i++) {
      String[] nameAndOutput = children[i].split("=", 2);
      ObjectNode child = Wire.method("c" + i, "root", nameAndOutput[0], i + 1);
      child.set("output", json(nameAndOutput[1]));
      wire.add(child);
    }
    return CheckpointTrees.assemble(wire);
  }

  /** A tree of one child whose noise is marked as an asset can mark it by hand. */
  private static CheckpointNode withNoise(String child, Map<String, String> noise) {
    CheckpointNode root = tree(child).get(0);
    CheckpointNode recorded = root.children().get(0);
    return CheckpointNode.of(
        root.key(),
        root.fields(),
        List.of(
            CheckpointNode.restored(recorded.key(), recorded.sharedFields(), noise, List.of())));
  }

  private static List<String> describe(TreeDiff diff) {
    return diff.changes().stream().map(StructuralDiffTest::describe).toList();
  }

  private static String describe(CheckpointChange change) {
    if (change instanceof CheckpointChange.Added added) {
      return "added " + added.key().last();
    }
    if (change instanceof CheckpointChange.Removed removed) {
      return "removed " + removed.key().last();
    }
    if (change instanceof CheckpointChange.Moved moved) {
      return "moved " + moved.expectedKey() + " -> " + moved.actualKey();
    }
    CheckpointChange.Changed changed = (CheckpointChange.Changed) change;
    return "changed "
        + changed.expectedKey().last()
        + " -> "
        + changed.actualKey().last()
        + " "
        + changes(new ValueDiff(changed.changes()));
  }

  @Test
  void noiseIsEqualWhateverItsValuesAndTheValuesStay() {
    Normaliser normaliser = Normaliser.defaults();
    List<CheckpointNode> first =
        normaliser.normalise(
            tree("Pay={\"id\":\"3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8\",\"orderId\":17,\"n\":1}"));
    List<CheckpointNode> second =
        normaliser.normalise(
            tree("Pay={\"id\":\"9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5\",\"orderId\":18,\"n\":2}"));

    assertThat(describe(DIFF.compare(first, second)))
        .containsExactly(
            "changed orders/METHOD/Pay#0 -> orders/METHOD/Pay#0 [CHANGED /output/n 1 -> 2]");
    assertThat(second.get(0).children().get(0).output().get("orderId").intValue()).isEqualTo(18);
  }

  @Test
  void aPlaceNoisyOnEitherSideIsEqualAndPlaceholdersBothMarkAreCompared() {
    CheckpointNode marked =
        withNoise(
            "Pay={\"ref\":\"fixed\",\"url\":\"/orders/1\"}",
            Map.of("/output/ref", "<any>", "/output/url", "/orders/<n>"));
    CheckpointNode actualMarked =
        withNoise(
            "Pay={\"ref\":\"changed\",\"url\":\"/refunds/2\"}",
            Map.of("/output/url", "/refunds/<n>"));

    assertThat(describe(DIFF.compare(List.of(marked), List.of(actualMarked))))
        .containsExactly(
            "changed orders/METHOD/Pay#0 -> orders/METHOD/Pay#0"
                + " [CHANGED /output/url \"/orders/<n>\" -> \"/refunds/<n>\"]");
    assertThat(DIFF.compare(List.of(actualMarked), List.of(marked)).changes()).hasSize(1);
  }

  @Test
  void valuesWithNoiseCompareAsCheckpointsDo() {
    NoisyValue recorded = NoisyValue.of(json("{\"id\":4711,\"total\":90}"), Map.of("/id", "<id>"));

    assertThat(
            DIFF.compare(
                    recorded,
                    Normaliser.defaults().normalise("output", json("{\"id\":1,\"total\":90}")))
                .isEmpty())
        .isTrue();
    assertThat(
            DIFF.compare(recorded, NoisyValue.plain(json("{\"id\":\"x\",\"total\":90}"))).isEmpty())
        .as("noise on the expected side only")
        .isTrue();
    assertThat(changes(DIFF.compare(recorded, NoisyValue.plain(json("{\"id\":1,\"total\":91}")))))
        .containsExactly("CHANGED /total 90 -> 91");
    assertThat(changes(DIFF.compare(json("{\"id\":4711}"), json("{\"id\":1}"))))
        .as("plain JSON has no noise")
        .containsExactly("CHANGED /id 4711 -> 1");
  }

  @Test
  void equalValuesGiveAnExplicitEmptyDiff() {
    ValueDiff diff = DIFF.compare(json("{\"a\":[1,{\"b\":2}]}"), json("{\"a\":[1,{\"b\":2}]}"));

    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.changes()).isEmpty();
  }

  @Test
  void numbersAreEqualByValueWhateverTheirJavaType() {
    ObjectNode longs = Wire.MAPPER.createObjectNode();
    longs.set("n", LongNode.valueOf(1));
    longs.put("d", 2.50);

    assertThat(DIFF.compare(json("{\"n\":1,\"d\":2.5}"), longs).isEmpty()).isTrue();
  }

  @Test
  void reportsAddedRemovedAndChangedFieldsAsJsonPointers() {
    assertThat(
            changes(
                "{\"status\":201,\"body\":{\"note\":\"gift\",\"a/b\":1}}",
                "{\"status\":200,\"body\":{\"a/b\":1,\"total\":9}}"))
        .containsExactly(
            "REMOVED /body/note \"gift\" -> ",
            "ADDED /body/total  -> 9",
            "CHANGED /status 201 -> 200");
    assertThat(changes("{\"~x/\":1}", "{\"~x/\":2}")).containsExactly("CHANGED /~0x~1 1 -> 2");
    assertThat(changes("1", "\"1\"")).containsExactly("CHANGED  1 -> \"1\"");
  }

  @Test
  void anElementInsertedIntoAnArrayIsOneAddition() {
    assertThat(
            changes(
                "{\"items\":[{\"sku\":\"A\"},{\"sku\":\"B\"},{\"sku\":\"C\"},{\"sku\":\"D\"}]}",
                "{\"items\":[{\"sku\":\"A\"},{\"sku\":\"X\"},{\"sku\":\"B\"},{\"sku\":\"C\"},"
                    + "{\"sku\":\"D\"}]}"))
        .containsExactly("ADDED /items/1  -> {\"sku\":\"X\"}");
  }

  @Test
  void anElementRemovedFromAnArrayIsOneRemovalAtItsOldIndex() {
    assertThat(changes("[1,2,3,4]", "[1,3,4]")).containsExactly("REMOVED /1 2 -> ");
  }

  @Test
  void similarElementsArePairedAndComparedInside() {
    assertThat(
            changes(
                "[{\"sku\":\"A\",\"qty\":1},{\"sku\":\"B\",\"qty\":1}]",
                "[{\"sku\":\"A\",\"qty\":1},{\"sku\":\"N\",\"qty\":9},{\"sku\":\"B\",\"qty\":2}]"))
        .containsExactly("ADDED /1  -> {\"sku\":\"N\",\"qty\":9}", "CHANGED /2/qty 1 -> 2");
    assertThat(changes("[1,2,3]", "[1,9,3]")).containsExactly("CHANGED /1 2 -> 9");
    assertThat(changes("[\"a\",{\"x\":1}]", "[\"a\",[1]]"))
        .containsExactly("REMOVED /1 {\"x\":1} -> ", "ADDED /1  -> [1]");
  }

  @Test
  void alignsLongArraysWithFewEdits() {
    StringBuilder expected = new StringBuilder("[");
    StringBuilder actual = new StringBuilder("[");
    for (int i = 0; i < 3_000; i++) {
      expected.append(i == 0 ? "" : ",").append(i);
      actual.append(i == 0 ? "" : ",").append(i == 1_500 ? "-1," : "").append(i == 2_000 ? 7 : i);
    }
    assertThat(changes(expected.append(']').toString(), actual.append(']').toString()))
        .containsExactly("ADDED /1500  -> -1", "CHANGED /2001 2000 -> 7");
  }

  @Test
  void alignsVeryLongArraysWithEditsFarApart() {
    StringBuilder expected = new StringBuilder("[");
    StringBuilder actual = new StringBuilder("[");
    for (int i = 0; i < 3_000; i++) {
      expected.append(i == 0 ? "" : ",").append(i);
      actual.append(i == 0 ? "" : ",").append(i == 10 ? "-1," : "").append(i == 2_990 ? 7 : i);
    }
    assertThat(changes(expected.append(']').toString(), actual.append(']').toString()))
        .containsExactly("ADDED /10  -> -1", "CHANGED /2991 2990 -> 7");
  }

  @Test
  void ignoresPathsAndKeys() {
    StructuralDiff diff =
        StructuralDiff.builder()
            .ignorePath("/headers/date")
            .ignorePath("/items/*/at")
            .ignoreKey("*id")
            .build();

    ValueDiff result =
        diff.compare(
            json("{\"headers\":{\"date\":\"a\"},\"items\":[{\"at\":1,\"n\":1}],\"orderId\":1}"),
            json("{\"headers\":{\"date\":\"b\"},\"items\":[{\"at\":2,\"n\":2}],\"ORDERID\":2}"));

    assertThat(changes(result)).containsExactly("CHANGED /items/0/n 1 -> 2");
  }

  @Test
  void identicalTreesGiveAnEmptyDiff() {
    TreeDiff diff = DIFF.compare(tree("A={}", "B={}"), tree("A={}", "B={}"));

    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.changes()).isEmpty();
  }

  @Test
  void reportsChangedFieldsOfMatchedCheckpoints() {
    TreeDiff diff = DIFF.compare(tree("A={\"total\":1}", "B={}"), tree("A={\"total\":2}", "B={}"));

    assertThat(describe(diff))
        .containsExactly(
            "changed orders/METHOD/A#0 -> orders/METHOD/A#0 [CHANGED /output/total 1 -> 2]");
    assertThat(diff.changed()).hasSize(1);
    assertThat(diff.changed().get(0).key())
        .hasToString("orders/METHOD/Job.run#0 > orders/METHOD/A#0");
  }

  @Test
  void reportsAddedAndRemovedCheckpoints() {
    TreeDiff diff = DIFF.compare(tree("A={}", "B={}", "C={}"), tree("A={}", "C={}", "D={}"));

    assertThat(describe(diff))
        .containsExactly("removed orders/METHOD/B#0", "added orders/METHOD/D#0");
    assertThat(diff.removed()).extracting(r -> r.checkpoint().name()).containsExactly("B");
    assertThat(diff.added()).extracting(a -> a.checkpoint().name()).containsExactly("D");
  }

  @Test
  void aNewCallBeforeCallsOfTheSameNameDoesNotCascade() {
    TreeDiff diff =
        DIFF.compare(
            tree("Q={\"n\":1}", "Q={\"n\":2}", "Q={\"n\":3}"),
            tree("Q={\"n\":0}", "Q={\"n\":1}", "Q={\"n\":2}", "Q={\"n\":3}"));

    assertThat(describe(diff)).containsExactly("added orders/METHOD/Q#0");
  }

  @Test
  void aChangedCallWhoseOrdinalShiftedShowsBothKeys() {
    TreeDiff diff =
        DIFF.compare(
            tree("Q={\"n\":1}", "Q={\"n\":2}"), tree("Q={\"n\":0}", "Q={\"n\":1}", "Q={\"n\":5}"));

    assertThat(describe(diff))
        .containsExactly(
            "added orders/METHOD/Q#0",
            "changed orders/METHOD/Q#1 -> orders/METHOD/Q#2 [CHANGED /output/n 2 -> 5]");
  }

  @Test
  void reportsCheckpointsThatMovedToAnotherParent() {
    List<CheckpointNode> expected =
        CheckpointTrees.assemble(
            List.of(
                Wire.method("r", null, "Job.run", 0),
                Wire.method("a", "r", "A", 1),
                Wire.method("b", "r", "B", 2),
                Wire.method("s", "a", "Audit.log", 3),
                Wire.method("t", "s", "Audit.write", 4)));
    List<CheckpointNode> actual =
        CheckpointTrees.assemble(
            List.of(
                Wire.method("r", null, "Job.run", 0),
                Wire.method("a", "r", "A", 1),
                Wire.method("b", "r", "B", 2),
                Wire.method("s", "b", "Audit.log", 3),
                Wire.method("t", "s", "Audit.write", 4)));

    TreeDiff diff = DIFF.compare(expected, actual);

    assertThat(diff.changes())
        .containsExactly(
            new CheckpointChange.Moved(
                CheckpointKey.parse(
                    "orders/METHOD/Job.run#0 > orders/METHOD/A#0 > orders/METHOD/Audit.log#0"),
                CheckpointKey.parse(
                    "orders/METHOD/Job.run#0 > orders/METHOD/B#0 > orders/METHOD/Audit.log#0")));
  }

  @Test
  void reportsSiblingsThatSwappedOrder() {
    TreeDiff diff = DIFF.compare(tree("A={}", "B={}"), tree("B={}", "A={}"));

    assertThat(diff.moved())
        .extracting(m -> m.expectedKey().last().toString(), m -> m.actualKey().last().toString())
        .containsExactly(tuple("orders/METHOD/A#0", "orders/METHOD/A#0"));
    assertThat(diff.changes()).hasSize(1);
  }

  @Test
  void comparesTheChildrenOfMovedCheckpoints() {
    List<CheckpointNode> expected =
        CheckpointTrees.assemble(
            List.of(
                Wire.method("r", null, "Job.run", 0),
                Wire.method("a", "r", "A", 1),
                Wire.method("b", "r", "B", 2),
                Wire.method("s", "a", "Audit.log", 3),
                Wire.method("t", "s", "Audit.write", 4)));
    ObjectNode changedChild = Wire.method("t", "s", "Audit.write", 4);
    changedChild.putObject("output").put("ok", false);
    List<CheckpointNode> actual =
        CheckpointTrees.assemble(
            List.of(
                Wire.method("r", null, "Job.run", 0),
                Wire.method("a", "r", "A", 1),
                Wire.method("b", "r", "B", 2),
                Wire.method("s", "b", "Audit.log", 3),
                changedChild));

    assertThat(describe(DIFF.compare(expected, actual)))
        .containsExactly(
            "moved orders/METHOD/Job.run#0 > orders/METHOD/A#0 > orders/METHOD/Audit.log#0"
                + " -> orders/METHOD/Job.run#0 > orders/METHOD/B#0 > orders/METHOD/Audit.log#0",
            "changed orders/METHOD/Audit.write#0 -> orders/METHOD/Audit.write#0"
                + " [ADDED /output/ok  -> false]");
  }

  @Test
  void ignoreRulesApplyToCheckpointFields() {
    StructuralDiff diff = StructuralDiff.builder().ignorePath("/output/at").build();

    assertThat(diff.compare(tree("A={\"at\":1}"), tree("A={\"at\":2}")).isEmpty()).isTrue();
    assertThat(diff.compare(tree("A={\"at\":1}"), tree("A={\"at\":2,\"x\":1}")).changed())
        .hasSize(1);
  }

  @Test
  void comparesAssetsAndNewRunsNormalisedAlike() throws Exception {
    Asset committed = Asset.ofTrees(AssetFormatTest.checkout(), Normaliser.defaults());
    List<CheckpointNode> fresh = AssetFormatTest.checkout();

    TreeDiff diff = DIFF.compare(committed.checkpoints(), committed.normaliser().normalise(fresh));

    assertThat(diff.isEmpty()).isTrue();
  }
}
