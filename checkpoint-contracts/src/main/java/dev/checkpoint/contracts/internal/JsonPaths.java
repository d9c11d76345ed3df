package dev.checkpoint.contracts.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSONPath expressions that Pact's matching rules are keyed by: {@code $.items[0].price}, or
 * {@code $['content-type']} for names that are not identifiers. Written from JSON Pointers, and
 * read back to check that each leads to a value.
 */
public final class JsonPaths {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {}

  /**
   * The JSONPath of a JSON Pointer into a value.
   *
   * @param root the value the pointer starts from
   * @param pointer such as {@code /items/0/price}
   * @return such as {@code $.items[0].price}
   */
  public static String of(JsonNode root, String pointer) {
    StringBuilder path = new StringBuilder("$");
    JsonNode node = root;
    JsonPointer rest = JsonPointer.compile(pointer);
    while (!rest.matches()) {
      String name = rest.getMatchingProperty();
      if (node.isArray()) {
        path.append('[').append(rest.getMatchingIndex()).append(']');
      } else if (IDENTIFIER.matcher(name).matches()) {
        path.append('.').append(name);
      } else {
        path.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
      }
      node = node.isArray() ? node.path(rest.getMatchingIndex()) : node.path(name);
      rest = rest.tail();
    }
    return path.toString();
  }

  /**
   * The value a JSONPath written by {@link #of} leads to.
   *
   * @param root the value
   * @param path the path
   * @return the value, or a missing node when the path leads nowhere or is not of that form
   */
  public static JsonNode resolve(JsonNode root, String path) {
    if (!path.startsWith("$")) {
      return MissingNode.getInstance();
    }
    JsonNode node = root;
    for (String step : steps(path.substring(1))) {
      if (step == null) {
        return MissingNode.getInstance();
      }
      node =
          step.startsWith("#") ? node.path(Integer.parseInt(step.substring(1))) : node.path(step);
      if (node.isMissingNode()) {
        return node;
      }
    }
    return node;
  }

  /* Names, and array indices as "#n"; a null step for what this class does not write. */
  private static List<String> steps(String path) {
    List<String> steps = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (path.startsWith("['", i)) {
        StringBuilder name = new StringBuilder();
        int j = i + 2;
        while (j < path.length() && path.charAt(j) != '\'') {
          if (path.charAt(j) == '\\' && j + 1 < path.length()) {
            j++;
          }
          name.append(path.charAt(j++));
        }
        if (!path.startsWith("']", j)) {
          steps.add(null);
          return steps;
        }
        steps.add(name.toString());
        i = j + 2;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        if (end < 0 || !path.substring(i + 1, end).matches("[0-9]+")) {
          steps.add(null);
          return steps;
        }
        steps.add("#" + path.substring(i + 1, end));
        i = end + 1;
      } else {
        steps.add(null);
        return steps;
      }
    }
    return steps;
  }
}
