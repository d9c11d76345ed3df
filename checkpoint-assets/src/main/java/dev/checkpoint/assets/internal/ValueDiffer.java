package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.checkpoint.assets.ValueChange;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The structural diff of two JSON values. */
final class ValueDiffer {

  private ValueDiffer() {}

  static void diff(String path, JsonNode expected, JsonNode actual, List<ValueChange> out) {
    if (Json.equivalent(expected, actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.properties().forEach(field -> names.add(field.getKey()));
      actual.properties().forEach(field -> names.add(field.getKey()));
      for (String name : names) {
        String child = path + "/" + escape(name);
        JsonNode e = expected.get(name);
        JsonNode a = actual.get(name);
        if (e == null) {
          out.add(change(child, ValueChange.Type.ADDED, MissingNode.getInstance(), a));
        } else if (a == null) {
          out.add(change(child, ValueChange.Type.REMOVED, e, MissingNode.getInstance()));
        } else {
          diff(child, e, a, out);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      diffArrays(path, expected, actual, out);
    } else {
      out.add(change(path, ValueChange.Type.CHANGED, expected, actual));
    }
  }

  private static void diffArrays(
      String path, JsonNode expected, JsonNode actual, List<ValueChange> out) {
    int[] expectedHashes = hashes(expected);
    int[] actualHashes = hashes(actual);
    List<int[]> pairs =
        Alignment.align(
            expected.size(),
            actual.size(),
            (i, j) ->
                expectedHashes[i] == actualHashes[j]
                    && Json.equivalent(expected.get(i), actual.get(j)),
            (i, j) -> similar(expected.get(i), actual.get(j)),
            (i, j) -> expected.get(i).getNodeType() == actual.get(j).getNodeType());
    int i = 0;
    int j = 0;
    for (int[] pair : pairs) {
      for (; i < pair[0]; i++) {
        out.add(
            change(
                path + "/" + i,
                ValueChange.Type.REMOVED,
                expected.get(i),
                MissingNode.getInstance()));
      }
      for (; j < pair[1]; j++) {
        out.add(
            change(
                path + "/" + j, ValueChange.Type.ADDED, MissingNode.getInstance(), actual.get(j)));
      }
      diff(path + "/" + j, expected.get(i++), actual.get(j++), out);
    }
    for (; i < expected.size(); i++) {
      out.add(
          change(
              path + "/" + i,
              ValueChange.Type.REMOVED,
              expected.get(i),
              MissingNode.getInstance()));
    }
    for (; j < actual.size(); j++) {
      out.add(
          change(path + "/" + j, ValueChange.Type.ADDED, MissingNode.getInstance(), actual.get(j)));
    }
  }

  private static int[] hashes(JsonNode array) {
    int[] hashes = new int[array.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = Json.hash(array.get(i));
    }
    return hashes;
  }

  /*
   * Objects that agree on at least half of the fields of the larger one are taken for the same
   * element changed, before elements are paired merely for being of the same type.
   */
  private static boolean similar(JsonNode a, JsonNode b) {
    if (!a.isObject() || !b.isObject() || a.isEmpty() || b.isEmpty()) {
      return false;
    }
    int same = 0;
    for (Map.Entry<String, JsonNode> field : a.properties()) {
      JsonNode other = b.get(field.getKey());
      if (other != null && Json.equivalent(field.getValue(), other)) {
        same++;
      }
    }
    return same > 0 && 2 * same >= Math.max(a.size(), b.size());
  }

  /* The values belong to checkpoints that must stay immutable; the diff gets its own copies. */
  private static ValueChange change(
      String path, ValueChange.Type type, JsonNode expected, JsonNode actual) {
    return new ValueChange(path, type, expected.deepCopy(), actual.deepCopy());
  }

  static String escape(String name) {
    return name.indexOf('~') < 0 && name.indexOf('/') < 0
        ? name
        : name.replace("~", "~0").replace("/", "~1");
  }
}
