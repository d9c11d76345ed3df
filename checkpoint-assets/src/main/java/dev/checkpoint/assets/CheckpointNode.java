package dev.checkpoint.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.internal.Json;
import dev.checkpoint.assets.internal.NoiseMarks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

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
 * <p>The fields hold the values as recorded, with their JSON types, because replay returns them.
 * The {@linkplain #noise() noise} in them (found by a {@link Normaliser}, or read from an asset) is
 * marked beside them: JSON Pointers from the checkpoint to placeholders, such as {@code
 * {"/output/body/id": "<uuid>"}}. Compare checkpoints with {@link StructuralDiff}, and values with
 * {@link #value(String)}, which carry the noise along; {@link #normalised()} is the view with
 * placeholders in place of noise, for reading.
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
  private final SortedMap<String, String> noise;
  private final List<CheckpointNode> children;

  private CheckpointNode(
      CheckpointKey key,
      String id,
      ObjectNode fields,
      SortedMap<String, String> noise,
      List<CheckpointNode> children) {
    this.key = key;
    this.id = id;
    this.fields = fields;
    this.noise = noise;
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
   * @return the node, with no noise marked; {@link Normaliser#normalise(CheckpointNode)} marks it
   * @throws IllegalArgumentException when the fields are not an object, lack service, kind or name,
   *     or disagree with the key
   */
  public static CheckpointNode of(
      CheckpointKey key, JsonNode fields, List<CheckpointNode> children) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fields, "fields");
    return new CheckpointNode(
        key,
        null,
        keptFields(key, fields),
        Collections.emptySortedMap(),
        List.copyOf(Objects.requireNonNull(children)));
  }

  /* A node read from an asset: its noise as written there, checked to lead to values. */
  static CheckpointNode restored(
      CheckpointKey key,
      ObjectNode keptFields,
      Map<String, String> noise,
      List<CheckpointNode> children) {
    return new CheckpointNode(key, null, keptFields, NoiseMarks.copy(noise), List.copyOf(children));
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
   * The input as recorded, noise included: what replay hands back. To compare it, take {@link
   * #value(String) value("input")}.
   *
   * @return a copy of the input; a JSON null when none was recorded
   */
  public JsonNode input() {
    return fields.get("input").deepCopy();
  }

  /**
   * The output as recorded, noise included: what replay returns. To compare it, take {@link
   * #value(String) value("output")}.
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
   * One field as recorded, with the noise marked in it.
   *
   * @param field a field listed in the class documentation, such as {@code output}
   * @return the value with its noise, pointers from the value; a JSON null when the field is absent
   */
  public NoisyValue value(String field) {
    JsonNode value = fields.get(Objects.requireNonNull(field, "field"));
    return NoisyValue.shared(
        value == null ? Json.NODES.nullNode() : value.deepCopy(), NoiseMarks.under(noise, field));
  }

  /**
   * All fields kept for assets, as listed in the class documentation, as recorded.
   *
   * @return a copy of the fields
   */
  public ObjectNode fields() {
    return fields.deepCopy();
  }

  /**
   * The noise in the fields.
   *
   * @return JSON Pointers from the checkpoint (such as {@code /output/body/id}) to the placeholders
   *     that stand for the values there, sorted; unmodifiable
   */
  public SortedMap<String, String> noise() {
    return noise;
  }

  /**
   * The fields with each noisy value replaced by its placeholder, for reading: {@code {"output":
   * {"body": {"id": "<uuid>"}}, ...}}.
   *
   * @return a copy of the fields
   */
  public ObjectNode normalised() {
    return (ObjectNode) NoisyValue.shared(fields, noise).normalised();
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

  CheckpointNode with(
      Map<String, String> newNoise, List<CheckpointNode> newChildren, boolean keepId) {
    return new CheckpointNode(
        key, keepId ? id : null, fields, NoiseMarks.copy(newNoise), List.copyOf(newChildren));
  }

  /* The same checkpoint at another place: a subtree taken out of its tree gets keys from its root. */
  CheckpointNode rekeyed(CheckpointKey newKey, List<CheckpointNode> newChildren) {
    return new CheckpointNode(newKey, id, fields, noise, List.copyOf(newChildren));
  }

  static CheckpointNode assembled(
      CheckpointKey key, String id, JsonNode wire, List<CheckpointNode> children) {
    return new CheckpointNode(
        key, id, keptFields(key, wire), Collections.emptySortedMap(), List.copyOf(children));
  }

  /**
   * Nodes are equal when their keys, ids, fields, noise and children are; numbers in fields by
   * value, as read (12.50) or built from Java (12.5).
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof CheckpointNode that
        && key.equals(that.key)
        && Objects.equals(id, that.id)
        && Json.equivalent(fields, that.fields)
        && noise.equals(that.noise)
        && children.equals(that.children);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, id, Json.hash(fields), noise, children);
  }

  @Override
  public String toString() {
    return key + " " + Json.compact(fields) + (noise.isEmpty() ? "" : " noise " + noise);
  }
}
