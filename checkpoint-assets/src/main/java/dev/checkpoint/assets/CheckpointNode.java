package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One checkpoint in a tree, with its stable key and its children in start order.
 *
 * <p>A node keeps only what belongs in an asset, its <em>fields</em>: {@code service}, {@code
 * kind}, {@code name}, {@code input}, {@code output}, {@code error} ({@code type} and {@code
 * message}), {@code attributes}, {@code truncated} and {@code redacted}. Ids, trace ids, run ids,
 * times, thread names and error stack traces differ from run to run (the stack with every unrelated
 * edit of the code), so they are left out; a node assembled from recorded checkpoints still
 * remembers its {@linkplain #id() id} to link back to the recording.
 *
 * <p>Nodes are immutable: methods returning JSON return copies.
 */
public final class CheckpointNode {

  /** The names of the fields an asset keeps. */
  static final Set<String> FIELDS =
      Set.of(
          "attributes",
          "error",
          "input",
          "kind",
          "name",
          "output",
          "redacted",
          "service",
          "truncated");

  private final CheckpointKey key;
  private final String id;
  private final ObjectNode fields;
  private final List<CheckpointNode> children;

  private CheckpointNode(
      CheckpointKey key, String id, ObjectNode fields, List<CheckpointNode> children) {
    this.key = key;
    this.id = id;
    this.fields = fields;
    this.children = children;
  }

  /**
   * Creates a node.
   *
   * @param key the stable key; its last segment must name the same service, kind and name as {@code
   *     fields}
   * @param fields a JSON object with the fields listed in the class documentation; {@code service},
   *     {@code kind} and {@code name} are required, others are optional, and any other field (such
   *     as {@code id} or {@code startTimeUnixNano}) is dropped
   * @param children the child nodes, in start order
   * @return the node
   * @throws IllegalArgumentException when the fields are not an object, lack service, kind or name,
   *     or disagree with the key
   */
  public static CheckpointNode of(
      CheckpointKey key, JsonNode fields, List<CheckpointNode> children) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fields, "fields");
    return new CheckpointNode(
        key, null, keptFields(key, fields), List.copyOf(Objects.requireNonNull(children)));
  }

  static ObjectNode keptFields(CheckpointKey key, JsonNode fields) {
    if (!fields.isObject()) {
      throw new IllegalArgumentException(
          "The fields of checkpoint '" + key + "' must be a JSON object, but were " + fields);
    }
    ObjectNode kept = Json.NODES.objectNode();
    CheckpointKey.Segment segment = key.last();
    requireText(key, fields, "service", segment.service());
    requireText(key, fields, "kind", segment.kind());
    requireText(key, fields, "name", segment.name());
    kept.put("service", segment.service());
    kept.put("kind", segment.kind());
    kept.put("name", segment.name());
    kept.set("input", copyOrNull(fields, "input"));
    kept.set("output", copyOrNull(fields, "output"));
    JsonNode error = fields.path("error");
    if (error.isObject()) {
      ObjectNode keptError = kept.putObject("error");
      keptError.set("type", copyOrNull(error, "type"));
      keptError.set("message", copyOrNull(error, "message"));
    } else if (!error.isMissingNode() && !error.isNull()) {
      kept.set("error", error.deepCopy());
    }
    JsonNode attributes = fields.path("attributes");
    if (!attributes.isMissingNode() && !attributes.isNull() && !attributes.isEmpty()) {
      kept.set("attributes", attributes.deepCopy());
    }
    for (String marker : List.of("truncated", "redacted")) {
      JsonNode paths = fields.path(marker);
      if (!paths.isMissingNode() && !paths.isNull() && !paths.isEmpty()) {
        kept.set(marker, paths.deepCopy());
      }
    }
    return kept;
  }

  private static JsonNode copyOrNull(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value == null ? Json.NODES.nullNode() : value.deepCopy();
  }

  private static void requireText(
      CheckpointKey key, JsonNode fields, String field, String fromKey) {
    JsonNode value = fields.path(field);
    if (!value.isTextual() || !value.textValue().equals(fromKey)) {
      throw new IllegalArgumentException(
          "Checkpoint '"
              + key
              + "' has "
              + field
              + " "
              + (value.isMissingNode() ? "missing" : value.toString())
              + " but its key says '"
              + fromKey
              + "'. The last segment of a key names the checkpoint's own service/kind/name.");
    }
  }

  /**
   * The stable key.
   *
   * @return the key
   */
  public CheckpointKey key() {
    return key;
  }

  /**
   * The id of the recorded checkpoint this node was assembled from.
   *
   * @return the id; empty for nodes read from an asset or created with {@link #of}
   */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /**
   * The service that recorded the checkpoint.
   *
   * @return the service name
   */
  public String service() {
    return key.last().service();
  }

  /**
   * The kind of call, such as {@code HTTP_SERVER} or {@code METHOD}.
   *
   * @return the kind
   */
  public String kind() {
    return key.last().kind();
  }

  /**
   * The checkpoint name, such as {@code PaymentService.authorize}.
   *
   * @return the name
   */
  public String name() {
    return key.last().name();
  }

  /**
   * The recorded input.
   *
   * @return a copy of the input; a JSON null when none was recorded
   */
  public JsonNode input() {
    return fields.get("input").deepCopy();
  }

  /**
   * The recorded output.
   *
   * @return a copy of the output; a JSON null when none was recorded or the call failed
   */
  public JsonNode output() {
    return fields.get("output").deepCopy();
  }

  /**
   * The recorded error.
   *
   * @return a copy of the error object ({@code type}, {@code message}); empty when the call
   *     succeeded
   */
  public Optional<JsonNode> error() {
    return Optional.ofNullable(fields.get("error")).map(JsonNode::deepCopy);
  }

  /**
   * All fields kept for assets, as listed in the class documentation.
   *
   * @return a copy of the fields
   */
  public ObjectNode fields() {
    return fields.deepCopy();
  }

  /**
   * The children, in start order.
   *
   * @return an unmodifiable list
   */
  public List<CheckpointNode> children() {
    return children;
  }

  /**
   * This node and all its descendants, parents before children, children in order.
   *
   * @return a new list
   */
  public List<CheckpointNode> flatten() {
    List<CheckpointNode> all = new ArrayList<>();
    List<CheckpointNode> stack = new ArrayList<>();
    stack.add(this);
    while (!stack.isEmpty()) {
      CheckpointNode node = stack.remove(stack.size() - 1);
      all.add(node);
      for (int i = node.children.size() - 1; i >= 0; i--) {
        stack.add(node.children.get(i));
      }
    }
    return all;
  }

  ObjectNode sharedFields() {
    return fields;
  }

  CheckpointNode with(ObjectNode newFields, List<CheckpointNode> newChildren, boolean keepId) {
    return new CheckpointNode(key, keepId ? id : null, newFields, List.copyOf(newChildren));
  }

  static CheckpointNode assembled(
      CheckpointKey key, String id, JsonNode wire, List<CheckpointNode> children) {
    return new CheckpointNode(key, id, keptFields(key, wire), List.copyOf(children));
  }

  /** Nodes are equal when their keys, ids, fields and children are. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CheckpointNode that
        && key.equals(that.key)
        && Objects.equals(id, that.id)
        && fields.equals(that.fields)
        && children.equals(that.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, id, fields, children);
  }

  @Override
  public String toString() {
    return key + " " + Json.compact(fields);
  }
}
