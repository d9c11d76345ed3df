package dev.checkpoint.assets.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes an actual call comparable with a recorded one whose secrets were redacted when it was
 * recorded. The caller redacts the actual input as the instrumentation does ({@code
 * Redaction.redactInPlace} in checkpoint-core); then, against one recorded call, each place the
 * recording holds {@code "[REDACTED]"} takes the marker in the actual input too, and each SQL
 * literal recorded as {@code '[REDACTED]'} does in the actual statement, so that secrets the
 * instrumentation found by position (a bind value or an {@code INSERT} literal of a secret column)
 * match whatever is sent now.
 */
final class RedactedPlaces {

  /** What the instrumentation puts in place of a secret. */
  static final String MARKER = "[REDACTED]";

  private static final String LITERAL_MARKER = "'" + MARKER + "'";

  private RedactedPlaces() {}

  /**
   * Whether a recorded view holds a redacted place, so that it may match actual calls whose view
   * differs from it there.
   *
   * @param view the recorded view
   * @return {@code true} when some value or SQL literal is the marker
   */
  static boolean hasMarkers(JsonNode view) {
    String text = view.toString();
    return text.contains(MARKER);
  }

  /**
   * The actual view with the marker wherever the recorded view has it.
   *
   * @param recorded the recorded view
   * @param actual the actual view, not changed
   * @return a copy of the actual view, or the actual view itself when the recording has no marker
   */
  static JsonNode align(JsonNode recorded, JsonNode actual) {
    if (!hasMarkers(recorded)) {
      return actual;
    }
    JsonNode copy = actual.deepCopy();
    record Pair(JsonNode recorded, JsonNode actual) {}
    List<Pair> pending = new ArrayList<>();
    pending.add(new Pair(recorded, copy));
    while (!pending.isEmpty()) {
      Pair pair = pending.remove(pending.size() - 1);
      if (pair.recorded() instanceof ObjectNode r && pair.actual() instanceof ObjectNode a) {
        for (Map.Entry<String, JsonNode> field : a.properties()) {
          JsonNode mark = r.get(field.getKey());
          if (mark != null) {
            JsonNode aligned = alignValue(mark, field.getValue());
            if (aligned != null) {
              field.setValue(aligned);
            } else {
              pending.add(new Pair(mark, field.getValue()));
            }
          }
        }
      } else if (pair.recorded() instanceof ArrayNode r && pair.actual() instanceof ArrayNode a) {
        for (int i = 0; i < Math.min(r.size(), a.size()); i++) {
          JsonNode aligned = alignValue(r.get(i), a.get(i));
          if (aligned != null) {
            a.set(i, aligned);
          } else {
            pending.add(new Pair(r.get(i), a.get(i)));
          }
        }
      }
    }
    return copy;
  }

  /** The replacement of one actual value, or {@code null} when it stays (or is a container). */
  private static JsonNode alignValue(JsonNode recorded, JsonNode actual) {
    if (!recorded.isTextual()) {
      return null;
    }
    String mark = recorded.textValue();
    if (mark.equals(MARKER)) {
      return TextNode.valueOf(MARKER);
    }
    if (actual.isTextual() && mark.contains(LITERAL_MARKER)) {
      return TextNode.valueOf(alignLiterals(mark, actual.textValue()));
    }
    return null;
  }

  /**
   * The actual SQL with each string literal replaced by the marker where the recorded SQL's literal
   * at the same position is the marker; unchanged when they have different numbers of literals.
   */
  static String alignLiterals(String recorded, String actual) {
    List<int[]> recordedLiterals = literals(recorded);
    List<int[]> actualLiterals = literals(actual);
    if (recordedLiterals.size() != actualLiterals.size()) {
      return actual;
    }
    StringBuilder out = new StringBuilder(actual.length());
    int copied = 0;
    for (int i = 0; i < actualLiterals.size(); i++) {
      int[] r = recordedLiterals.get(i);
      if (recorded.substring(r[0], r[1]).equals(LITERAL_MARKER)) {
        int[] a = actualLiterals.get(i);
        out.append(actual, copied, a[0]).append(LITERAL_MARKER);
        copied = a[1];
      }
    }
    return out.append(actual, copied, actual.length()).toString();
  }

  /** The start and end of each {@code '...'} literal, a doubled quote staying inside. */
  private static List<int[]> literals(String sql) {
    List<int[]> literals = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      if (sql.charAt(i) != '\'') {
        i++;
        continue;
      }
      int start = i;
      i++;
      while (i < sql.length()) {
        if (sql.charAt(i) == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          i += 2;
        } else if (sql.charAt(i) == '\'') {
          i++;
          break;
        } else {
          i++;
        }
      }
      literals.add(new int[] {start, i});
    }
    return literals;
  }
}
