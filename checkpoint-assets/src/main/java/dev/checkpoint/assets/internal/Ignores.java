package dev.checkpoint.assets.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Removes the places a diff must not look at: by path pattern or by field-name glob. */
public final class Ignores {

  private final List<PathPattern> paths;
  private final List<Glob> keys;

  public Ignores(List<String> pathPatterns, List<String> keyPatterns) {
    this.paths = pathPatterns.stream().map(PathPattern::parse).toList();
    this.keys = keyPatterns.stream().map(glob -> Glob.compile(glob, true)).toList();
  }

  /** A copy of {@code value} without the ignored places below it. */
  JsonNode strip(JsonNode value) {
    if (paths.isEmpty() && keys.isEmpty()) {
      return value;
    }
    return strip(value, new ArrayList<>());
  }

  private JsonNode strip(JsonNode value, List<String> path) {
    if (value.isObject()) {
      ObjectNode copy = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        path.add(field.getKey());
        if (!ignoredKey(field.getKey()) && !ignoredPath(path)) {
          copy.set(field.getKey(), strip(field.getValue(), path));
        }
        path.remove(path.size() - 1);
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = Json.NODES.arrayNode(value.size());
      for (int i = 0; i < value.size(); i++) {
        path.add(Integer.toString(i));
        if (!ignoredPath(path)) {
          copy.add(strip(value.get(i), path));
        }
        path.remove(path.size() - 1);
      }
      return copy;
    }
    return value;
  }

  private boolean ignoredKey(String key) {
    for (Glob glob : keys) {
      if (glob.matches(key)) {
        return true;
      }
    }
    return false;
  }

  private boolean ignoredPath(List<String> path) {
    for (PathPattern pattern : paths) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
