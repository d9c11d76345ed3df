package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Noise marked beside recorded values: JSON Pointers to the noisy values, each with its
 * placeholder. The values stay as recorded; comparisons read them through {@link #normalised}.
 */
public final class NoiseMarks {

  private NoiseMarks() {}

  /** A field name or array index as one segment of a JSON Pointer (RFC 6901 escapes). */
  public static String segment(String name) {
    return name.indexOf('~') < 0 && name.indexOf('/') < 0
        ? name
        : name.replace("~", "~0").replace("/", "~1");
  }

  /** The JSON Pointer of a path of field names and array indices. */
  public static String pointer(List<String> path) {
    StringBuilder pointer = new StringBuilder();
    for (String name : path) {
      pointer.append('/').append(segment(name));
    }
    return pointer.toString();
  }

  /** An unmodifiable, sorted copy, so that equal marks are equal maps and print alike. */
  public static SortedMap<String, String> copy(Map<String, String> marks) {
    return marks.isEmpty()
        ? Collections.emptySortedMap()
        : Collections.unmodifiableSortedMap(new TreeMap<>(marks));
  }

  /**
   * The marks at and below {@code field}, with pointers from the field's value: {@code
   * /output/body/id} under {@code output} is {@code /body/id}, and {@code /output} itself is {@code
   * ""}.
   */
  public static SortedMap<String, String> under(Map<String, String> marks, String field) {
    String prefix = "/" + segment(field);
    TreeMap<String, String> under = new TreeMap<>();
    for (Map.Entry<String, String> mark : marks.entrySet()) {
      String pointer = mark.getKey();
      if (pointer.equals(prefix) || pointer.startsWith(prefix + "/")) {
        under.put(pointer.substring(prefix.length()), mark.getValue());
      }
    }
    return copy(under);
  }

  /** Whether a value is present at the pointer. */
  public static boolean resolves(JsonNode value, String pointer) {
    return !value.at(JsonPointer.compile(pointer)).isMissingNode();
  }

  /**
   * The normalised view of a value, to compare with another value: at each place {@code own} marks,
   * its placeholder; at each place only {@code other} marks, {@code other}'s placeholder, so that a
   * place that is noise on either side compares equal whatever its values. Places both mark compare
   * by their placeholders, which are the values with the noise taken out (such as {@code
   * /orders/<uuid>}).
   *
   * @return {@code value} itself when neither marks anything, else a copy
   */
  public static JsonNode normalised(
      JsonNode value, Map<String, String> own, Map<String, String> other) {
    if (own.isEmpty() && other.isEmpty()) {
      return value;
    }
    JsonNode copy = value.deepCopy();
    for (Map.Entry<String, String> mark : own.entrySet()) {
      copy = put(copy, mark.getKey(), mark.getValue());
    }
    for (Map.Entry<String, String> mark : other.entrySet()) {
      if (!own.containsKey(mark.getKey())) {
        copy = put(copy, mark.getKey(), mark.getValue());
      }
    }
    return copy;
  }

  /* Replaces the value at the pointer, when there is one; the root is replaced by returning. */
  private static JsonNode put(JsonNode root, String pointer, String placeholder) {
    if (pointer.isEmpty()) {
      return TextNode.valueOf(placeholder);
    }
    JsonPointer at = JsonPointer.compile(pointer);
    JsonNode parent = root.at(at.head());
    String last = at.last().getMatchingProperty();
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.put(last, placeholder);
    } else if (parent instanceof ArrayNode array) {
      int index = at.last().getMatchingIndex();
      if (index >= 0 && index < array.size()) {
        array.set(index, TextNode.valueOf(placeholder));
      }
    }
    return root;
  }
}
