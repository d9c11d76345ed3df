package dev.checkpoint.assets;

import static dev.checkpoint.assets.Wire.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffRendererTest {

  private static TreeDiff sample() {
    ObjectNode expectedRoot =
        Wire.checkpoint("r", null, "orders", "HTTP_SERVER", "POST /orders", 0);
    expectedRoot.set(
        "output", json("{\"status\":201,\"body\":{\"items\":[{\"sku\":\"A\"}],\"note\":\"a|b\"}}"));
    ObjectNode actualRoot = Wire.checkpoint("r", null, "orders", "HTTP_SERVER", "POST /orders", 0);
    actualRoot.set(
        "output", json("{\"status\":200,\"body\":{\"items\":[{\"sku\":\"A\"},{\"sku\":\"B\"}]}}"));
    List<CheckpointNode> expected =
        CheckpointTrees.assemble(
            List.of(
                expectedRoot,
                Wire.checkpoint("s", "r", "orders", "SQL", "select stock", 1),
                Wire.checkpoint("a", "r", "orders", "METHOD", "Audit.log", 2),
                Wire.checkpoint("m", "a", "orders", "METHOD", "Mail.send", 3)));
    List<CheckpointNode> actual =
        CheckpointTrees.assemble(
            List.of(
                actualRoot,
                Wire.checkpoint("a", "r", "orders", "METHOD", "Audit.log", 1),
                Wire.checkpoint("m", "r", "orders", "METHOD", "Mail.send", 2),
                Wire.checkpoint("s", "r", "orders", "SQL", "insert into audit", 3)));
    return StructuralDiff.defaults().compare(expected, actual);
  }

  @Test
  void rendersTreeDiffsAsPlainText() {
    assertThat(DiffRenderer.text(sample(), false))
        .isEqualTo(
            """
            4 differences: 1 added, 1 removed, 1 moved, 1 changed
            ~ changed  orders/HTTP_SERVER/POST /orders#0
                + /output/body/items/1: {"sku":"B"}
                - /output/body/note: "a|b"
                ~ /output/status: 201 -> 200
            - removed  orders/HTTP_SERVER/POST /orders#0 > orders/SQL/select stock#0
            > moved    orders/HTTP_SERVER/POST /orders#0 > orders/METHOD/Audit.log#0 > \
            orders/METHOD/Mail.send#0 -> orders/HTTP_SERVER/POST /orders#0 > orders/METHOD/Mail.send#0
            + added    orders/HTTP_SERVER/POST /orders#0 > orders/SQL/insert into audit#0
            """);
  }

  @Test
  void coloursLinesOnlyWhenAsked() {
    String text = DiffRenderer.text(sample(), true);

    assertThat(text)
        .contains("\u001B[33m~ changed  orders/HTTP_SERVER/POST /orders#0\u001B[0m\n")
        .contains("\u001B[32m    + /output/body/items/1: {\"sku\":\"B\"}\u001B[0m\n")
        .contains("\u001B[31m- removed  ")
        .contains("\u001B[36m> moved    ");
    assertThat(DiffRenderer.text(sample(), false)).doesNotContain("\u001B");
  }

  @Test
  void rendersTreeDiffsAsMarkdown() {
    assertThat(DiffRenderer.markdown(sample()))
        .isEqualTo(
            """
            **4 differences:** 1 added, 1 removed, 1 moved, 1 changed

            - **changed** `orders/HTTP_SERVER/POST /orders#0`

              | path | expected | actual |
              | --- | --- | --- |
              | `/output/body/items/1` |  | `{"sku":"B"}` |
              | `/output/body/note` | `"a\\|b"` |  |
              | `/output/status` | `201` | `200` |

            - **removed** `orders/HTTP_SERVER/POST /orders#0 > orders/SQL/select stock#0`
            - **moved** `orders/HTTP_SERVER/POST /orders#0 > orders/METHOD/Audit.log#0 > \
            orders/METHOD/Mail.send#0` → `orders/HTTP_SERVER/POST /orders#0 > orders/METHOD/Mail.send#0`
            - **added** `orders/HTTP_SERVER/POST /orders#0 > orders/SQL/insert into audit#0`
            """);
  }

  @Test
  void rendersValueDiffs() {
    ValueDiff diff =
        StructuralDiff.defaults()
            .compare(json("{\"a\":1,\"b\":[1,2],\"c\":\"x`y\"}"), json("{\"a\":2,\"b\":[1,2,3]}"));

    assertThat(DiffRenderer.text(diff, false))
        .isEqualTo(
            """
            3 differences
            ~ /a: 1 -> 2
            + /b/2: 3
            - /c: "x`y"
            """);
    assertThat(DiffRenderer.markdown(diff))
        .isEqualTo(
            """
            **3 differences**

            | path | expected | actual |
            | --- | --- | --- |
            | `/a` | `1` | `2` |
            | `/b/2` |  | `3` |
            | `/c` | `` "x`y" `` |  |
            """);
  }

  @Test
  void saysSoWhenThereAreNoDifferences() {
    TreeDiff none = new TreeDiff(List.of());

    assertThat(DiffRenderer.text(none, true)).isEqualTo("No differences.\n");
    assertThat(DiffRenderer.markdown(none)).isEqualTo("No differences.\n");
    assertThat(DiffRenderer.text(new ValueDiff(List.of()), false)).isEqualTo("No differences.\n");
  }

  @Test
  void cutsLongValues() {
    ValueDiff diff =
        StructuralDiff.defaults().compare(json("\"" + "x".repeat(300) + "\""), json("1"));

    assertThat(DiffRenderer.text(diff, false))
        .isEqualTo("1 difference\n~ (root): \"" + "x".repeat(198) + "… -> 1\n");
  }

  @Test
  void usesNoColourWithoutATerminal() {
    // Surefire's forked JVM has no terminal, as CI and output redirected to a file have none.
    assertThat(DiffRenderer.colourSupported()).isFalse();
  }

  @Test
  void singleChangeIsSingular() {
    ValueDiff diff = StructuralDiff.defaults().compare(json("1"), json("2"));

    assertThat(DiffRenderer.text(diff, false)).isEqualTo("1 difference\n~ (root): 1 -> 2\n");
  }
}
