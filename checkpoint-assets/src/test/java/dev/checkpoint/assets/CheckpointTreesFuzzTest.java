package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Any JSON array of wire-format checkpoints either links into trees that keep every checkpoint
 * once, under a key of its own that reads back from its text, at most {@link
 * CheckpointTrees#MAX_DEPTH} levels deep, with the same keys whatever the order of the input; or is
 * refused with an IllegalArgumentException naming the checkpoint. Anything else, such as a
 * NullPointerException or a StackOverflowError on a deep or cyclic chain, fails the target.
 *
 * <p>Without {@code JAZZER_FUZZ} the suite runs the committed inputs in {@code
 * CheckpointTreesFuzzTestInputs/assemble}; {@code scripts/fuzz.sh tree} fuzzes
 * (docs/reliability.md).
 */
class CheckpointTreesFuzzTest {

  @FuzzTest
  void assemble(byte[] wire) {
    JsonNode array;
    try {
      array = Json.MAPPER.readTree(wire);
    } catch (IOException | NumberFormatException e) {
      // Not JSON, or a number BigDecimal cannot hold: refused before anything is assembled.
      return;
    }
    if (array == null || !array.isArray()) {
      return;
    }
    List<JsonNode> checkpoints = new ArrayList<>();
    array.forEach(checkpoints::add);
    Set<CheckpointKey> keys;
    try {
      keys = keys(CheckpointTrees.assemble(checkpoints), checkpoints.size());
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("Checkpoint #");
      return;
    }
    Collections.reverse(checkpoints);
    assertThat(keys(CheckpointTrees.assemble(checkpoints), checkpoints.size())).isEqualTo(keys);
  }

  private static Set<CheckpointKey> keys(List<CheckpointNode> roots, int given) {
    Set<CheckpointKey> keys = new HashSet<>();
    for (CheckpointNode root : roots) {
      for (CheckpointNode node : root.flatten()) {
        CheckpointKey key = node.key();
        assertThat(keys.add(key)).as("%s is unique", key).isTrue();
        assertThat(key.segments()).hasSizeLessThanOrEqualTo(CheckpointTrees.MAX_DEPTH);
        assertThat(CheckpointKey.parse(key.toString())).isEqualTo(key);
      }
    }
    assertThat(keys).as("every checkpoint once").hasSize(given);
    return keys;
  }
}
