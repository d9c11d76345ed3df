package dev.checkpoint.assets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.Kind;
import dev.checkpoint.assets.internal.Json;
import dev.checkpoint.assets.internal.NoiseMarks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads and writes assets in the canonical asset format.
 *
 * <p>The format is JSON with sorted keys, two-space indent, {@code \n} line ends and a trailing
 * newline, so that an asset is identical byte for byte whenever its content is, and a change reads
 * well in a pull request. Checkpoints are listed flat, each parent before its children and siblings
 * in start order; the tree is in the keys, so nesting never shifts a diff:
 *
 * <pre>{@code
 * {
 *   "checkpoints": [
 *     {
 *       "input": {"body": {"amount": 12.5, "orderId": 4711}, "method": "POST", "path": "/payments"},
 *       "key": "payments/HTTP_SERVER/POST /payments#0",
 *       "kind": "HTTP_SERVER",
 *       "name": "POST /payments",
 *       "noise": {"/input/body/orderId": "<id>", "/output/body/id": "<uuid>"},
 *       "output": {"body": {"id": "3f2a1c4e-9b7d-4e8a-a1b2-c3d4e5f6a7b8", "status": "AUTHORIZED"}, "status": 201},
 *       "service": "payments"
 *     },
 *     {
 *       "input": {"amount": 12.5},
 *       "key": "payments/HTTP_SERVER/POST /payments#0 > payments/METHOD/PaymentService.authorize#0",
 *       ...
 *     }
 *   ],
 *   "formatVersion": 2,
 *   "normalisation": {"detectors": ["duration", "id", "port", "timestamp", "uuid"], "rules": [{"key": "traceparent", "replaceWith": "<trace-context>"}]},
 *   "scope": {"type": "tree"}
 * }
 * }</pre>
 *
 * (shown with short lines; the written file puts every value on its own line). A checkpoint has
 * {@code key}, {@code service}, {@code kind}, {@code name}, {@code input} and {@code output}
 * always; {@code error} ({@code type}, {@code message}), {@code attributes}, {@code truncated},
 * {@code redacted} and {@code noise} when present. Values are kept as recorded, with their JSON
 * types, because replay returns them; {@code noise} marks beside them what differs from run to run:
 * JSON Pointers from the checkpoint, each with the placeholder that stands for the value there. The
 * diff compares placeholders instead of values there, so noise never counts as drift. A rule is
 * {@code {"path": ...}} or {@code {"key": ...}} with {@code "replaceWith": placeholder} or {@code
 * "keep": true}. The scope is {@code tree}, {@code subtree} or {@code component} with the
 * component's {@code name}.
 *
 * <p>Version 1 replaced noise with placeholders in place and had no {@code noise}; it is still
 * read, each placeholder marked as the noise it stands for, and compares with version 2 as before.
 * Reading then writing a file of the current version gives the same bytes.
 */
public final class AssetFormat {

  /** The format version this library writes. */
  public static final int CURRENT_VERSION = 2;

  /** The format versions this library reads. */
  public static final Set<Integer> SUPPORTED_VERSIONS = Set.of(1, 2);

  /* Version 1 replaced noise in place, and had no noise marks. */
  private static final int PLACEHOLDERS_IN_PLACE = 1;

  private static final Set<String> TOP_LEVEL =
      Set.of("checkpoints", "formatVersion", "normalisation", "scope");

  private static final String FIX_OR_RERECORD =
      " Fix the file, or delete it and record the asset again.";

  private AssetFormat() {}

  /**
   * Writes an asset in the canonical format.
   *
   * @param asset the asset
   * @return the JSON text, ending with a newline
   */
  public static String write(Asset asset) {
    Objects.requireNonNull(asset, "asset");
    ObjectNode root = Json.NODES.objectNode();
    ArrayNode checkpoints = root.putArray("checkpoints");
    for (CheckpointNode node : asset.flatten()) {
      ObjectNode checkpoint = node.sharedFields().deepCopy();
      checkpoint.put("key", node.key().toString());
      if (!node.noise().isEmpty()) {
        ObjectNode noise = checkpoint.putObject("noise");
        node.noise().forEach(noise::put);
      }
      checkpoints.add(checkpoint);
    }
    root.put("formatVersion", CURRENT_VERSION);
    root.set("normalisation", normalisation(asset.normaliser()));
    ObjectNode scope = root.putObject("scope");
    scope.put("type", asset.scope().name().toLowerCase(Locale.ROOT));
    asset.component().ifPresent(name -> scope.put("name", name));
    return Json.canonical(root);
  }

  /** The {@code normalisation} section of the format: detectors and rules. */
  static ObjectNode normalisation(Normaliser normaliser) {
    ObjectNode normalisation = Json.NODES.objectNode();
    ArrayNode detectors = normalisation.putArray("detectors");
    new TreeSet<>(normaliser.detectors().stream().map(Detector::id).toList())
        .forEach(detectors::add);
    ArrayNode rules = normalisation.putArray("rules");
    for (NormalisationRule rule : normaliser.rules()) {
      ObjectNode json = rules.addObject();
      json.put(rule.target().name().toLowerCase(Locale.ROOT), rule.pattern());
      rule.placeholder()
          .ifPresentOrElse(
              placeholder -> json.put("replaceWith", placeholder), () -> json.put("keep", true));
    }
    return normalisation;
  }

  /**
   * Reads a {@code normalisation} section written by {@link #normalisation(Normaliser)}.
   *
   * @param source the name used in error messages
   * @throws AssetFormatException when the section is invalid; the pointer is {@code
   *     /normalisation/...}
   */
  static Normaliser normalisation(JsonNode normalisation, String source) {
    return new Reader(source).normaliser(normalisation);
  }

  /**
   * Writes an asset to a file in UTF-8, creating missing directories.
   *
   * @param asset the asset
   * @param file the file, such as one from {@link AssetLayout#path}
   * @throws IOException when the file cannot be written
   */
  public static void write(Asset asset, Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path directory = file.toAbsolutePath().getParent();
    if (directory != null) {
      Files.createDirectories(directory);
    }
    Files.writeString(file, write(asset), StandardCharsets.UTF_8);
  }

  /**
   * Reads an asset file.
   *
   * @param file the file
   * @return the asset
   * @throws IOException when the file cannot be read
   * @throws AssetFormatException when the file is not a valid asset
   */
  public static Asset read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Reads an asset from a stream, such as a class path resource, and closes it.
   *
   * @param in the UTF-8 content
   * @param source the name used in error messages, such as the resource name
   * @return the asset
   * @throws IOException when the stream cannot be read
   * @throws AssetFormatException when the content is not a valid asset
   */
  public static Asset read(InputStream in, String source) throws IOException {
    Objects.requireNonNull(in, "in");
    try (in) {
      return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
    }
  }

  /**
   * Reads an asset from its text.
   *
   * @param json the content
   * @param source the name used in error messages, such as the file name
   * @return the asset
   * @throws AssetFormatException when the content is not a valid asset
   */
  public static Asset read(String json, String source) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(source, "source");
    return new Reader(source).read(json);
  }

  /** One read of one source, so that every error can name it. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    Asset read(String json) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(json);
      } catch (JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        throw new AssetFormatException(
            source,
            source
                + " is not valid JSON"
                + (at == null
                    ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                + ": "
                + e.getOriginalMessage()
                + "."
                + FIX_OR_RERECORD,
            e);
      } catch (NumberFormatException e) {
        // Numbers are read as BigDecimal, whose exponent is an int; Jackson does not wrap this.
        throw new AssetFormatException(
            source,
            source
                + " holds a number whose exponent is beyond ±2147483647, which cannot be read"
                + " exactly: "
                + e.getMessage()
                + FIX_OR_RERECORD,
            e);
      }
      if (root == null || !root.isObject()) {
        throw error("", "is not a JSON object", "An asset is an object with a formatVersion.");
      }
      int version = checkVersion(root.get("formatVersion"));
      checkFields(root, "", TOP_LEVEL);
      Asset.Scope scope = scope(required(root, "", "scope"));
      String component =
          scope == Asset.Scope.COMPONENT
              ? text(required(root.get("scope"), "/scope", "name"), "/scope/name")
              : null;
      Normaliser normaliser = normaliser(required(root, "", "normalisation"));
      boolean inPlace = version == PLACEHOLDERS_IN_PLACE;
      List<CheckpointNode> checkpoints = checkpoints(required(root, "", "checkpoints"), !inPlace);
      return Asset.restored(
          scope, component, normaliser, inPlace ? normaliser.normalise(checkpoints) : checkpoints);
    }

    private int checkVersion(JsonNode version) {
      String supported = "formatVersion " + new TreeSet<>(SUPPORTED_VERSIONS);
      if (version == null) {
        throw error(
            "",
            "has no formatVersion",
            "This library reads " + supported + "; was the file written by Checkpoint?");
      }
      if (!version.isIntegralNumber() || !SUPPORTED_VERSIONS.contains(version.asInt())) {
        throw error(
            "/formatVersion",
            "is " + version + ", which this version of Checkpoint cannot read",
            "It reads "
                + supported
                + ". Use the checkpoint-assets version that wrote the file, or record the asset"
                + " again with this one.");
      }
      return version.asInt();
    }

    private Asset.Scope scope(JsonNode scope) {
      checkFields(scope, "/scope", Set.of("type", "name"));
      String type = text(required(scope, "/scope", "type"), "/scope/type");
      for (Asset.Scope value : Asset.Scope.values()) {
        if (value.name().toLowerCase(Locale.ROOT).equals(type)) {
          return value;
        }
      }
      throw error("/scope/type", "is \"" + type + "\"", "Use tree, subtree or component.");
    }

    private Normaliser normaliser(JsonNode normalisation) {
      checkFields(normalisation, "/normalisation", Set.of("detectors", "rules"));
      Normaliser.Builder builder = Normaliser.builder();
      JsonNode detectors =
          array(required(normalisation, "/normalisation", "detectors"), "/normalisation/detectors");
      for (int i = 0; i < detectors.size(); i++) {
        String pointer = "/normalisation/detectors/" + i;
        String id = text(detectors.get(i), pointer);
        builder.detector(
            detector(id)
                .orElseThrow(
                    () ->
                        error(
                            pointer,
                            "is \"" + id + "\", which is not a detector",
                            "Use one of "
                                + Arrays.stream(Detector.values())
                                    .map(Detector::id)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                                + ".")));
      }
      JsonNode rules =
          array(required(normalisation, "/normalisation", "rules"), "/normalisation/rules");
      for (int i = 0; i < rules.size(); i++) {
        builder.rule(rule(rules.get(i), "/normalisation/rules/" + i));
      }
      return builder.build();
    }

    private Optional<Detector> detector(String id) {
      for (Detector detector : Detector.values()) {
        if (detector.id().equals(id)) {
          return Optional.of(detector);
        }
      }
      return Optional.empty();
    }

    private NormalisationRule rule(JsonNode rule, String pointer) {
      String how =
          "A rule is {\"path\" or \"key\": pattern, \"replaceWith\": text or \"keep\": true}.";
      if (!rule.isObject()) {
        throw error(pointer, "is not an object", how);
      }
      checkFields(rule, pointer, Set.of("path", "key", "replaceWith", "keep"));
      if (rule.has("path") == rule.has("key") || rule.has("replaceWith") == rule.has("keep")) {
        throw error(pointer, "is " + rule, how);
      }
      boolean byPath = rule.has("path");
      String pattern =
          text(rule.get(byPath ? "path" : "key"), pointer + (byPath ? "/path" : "/key"));
      try {
        if (rule.has("keep")) {
          if (!rule.get("keep").booleanValue()) {
            throw error(pointer + "/keep", "is not true", how);
          }
          return byPath ? NormalisationRule.keepPath(pattern) : NormalisationRule.keepKey(pattern);
        }
        String placeholder = text(rule.get("replaceWith"), pointer + "/replaceWith");
        return byPath
            ? NormalisationRule.replacePath(pattern, placeholder)
            : NormalisationRule.replaceKey(pattern, placeholder);
      } catch (IllegalArgumentException e) {
        throw error(pointer + (byPath ? "/path" : "/key"), "is invalid", e.getMessage());
      }
    }

    private List<CheckpointNode> checkpoints(JsonNode checkpoints, boolean marksNoise) {
      array(checkpoints, "/checkpoints");
      Map<CheckpointKey, Parsed> byKey = new LinkedHashMap<>();
      for (int i = 0; i < checkpoints.size(); i++) {
        String pointer = "/checkpoints/" + i;
        JsonNode checkpoint = checkpoints.get(i);
        if (!checkpoint.isObject()) {
          throw error(pointer, "is not an object", "A checkpoint is an object with a key.");
        }
        Set<String> allowed = new TreeSet<>(CheckpointNode.FIELDS);
        allowed.add("key");
        if (marksNoise) {
          allowed.add("noise");
        }
        checkFields(checkpoint, pointer, allowed);
        String keyText = text(required(checkpoint, pointer, "key"), pointer + "/key");
        CheckpointKey key;
        try {
          key = CheckpointKey.parse(keyText);
        } catch (IllegalArgumentException e) {
          throw error(pointer + "/key", "is invalid", e.getMessage());
        }
        for (String field : List.of("service", "kind", "name", "input", "output")) {
          required(checkpoint, pointer, field);
        }
        if (Kind.parse(checkpoint.get("kind").asText(null)).isEmpty()) {
          throw error(pointer + "/kind", "is not a kind", "A kind is " + Kind.RULE + ".");
        }
        ObjectNode fields;
        try {
          fields = CheckpointNode.keptFields(key, checkpoint);
        } catch (IllegalArgumentException e) {
          throw error(pointer, "does not match its key", e.getMessage());
        }
        if (key.segments().size() > CheckpointTrees.MAX_DEPTH) {
          throw error(
              pointer + "/key",
              "is " + key.segments().size() + " levels deep",
              "Assets hold trees up to "
                  + CheckpointTrees.MAX_DEPTH
                  + " levels; record or export a subtree.");
        }
        Map<String, String> noise = noise(checkpoint.get("noise"), fields, pointer + "/noise");
        if (byKey.put(key, new Parsed(key, fields, noise)) != null) {
          throw error(
              pointer + "/key",
              "repeats the key '" + key + "'",
              "Keys are unique within an asset; give the checkpoints distinct ordinals.");
        }
      }
      List<Parsed> roots = new ArrayList<>();
      for (Parsed parsed : byKey.values()) {
        Parsed parent = parsed.key.parent().map(byKey::get).orElse(null);
        if (parent == null) {
          roots.add(parsed);
        } else {
          parent.children.add(parsed);
        }
      }
      List<CheckpointNode> nodes = new ArrayList<>(roots.size());
      Map<Parsed, CheckpointNode> built = new HashMap<>();
      for (Parsed root : roots) {
        List<Parsed> preOrder = new ArrayList<>();
        List<Parsed> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
          Parsed parsed = stack.remove(stack.size() - 1);
          preOrder.add(parsed);
          stack.addAll(parsed.children);
        }
        for (int i = preOrder.size() - 1; i >= 0; i--) {
          Parsed parsed = preOrder.get(i);
          List<CheckpointNode> children = new ArrayList<>(parsed.children.size());
          for (Parsed child : parsed.children) {
            children.add(built.get(child));
          }
          built.put(
              parsed, CheckpointNode.restored(parsed.key, parsed.fields, parsed.noise, children));
        }
        nodes.add(built.get(root));
      }
      return nodes;
    }

    private Map<String, String> noise(JsonNode noise, ObjectNode fields, String pointer) {
      if (noise == null) {
        return Map.of();
      }
      String how =
          "Noise is {\"JSON Pointer from the checkpoint\": \"placeholder\"}, such as"
              + " {\"/output/body/id\": \"<uuid>\"}.";
      if (!noise.isObject()) {
        throw error(pointer, "is not an object", how);
      }
      Map<String, String> marks = new TreeMap<>();
      for (Map.Entry<String, JsonNode> mark : noise.properties()) {
        String at = mark.getKey();
        if (!at.startsWith("/") || !NoiseMarks.resolves(fields, at)) {
          throw error(
              pointer,
              "has \"" + at + "\", which leads to no recorded value of the checkpoint",
              "Remove it, or give the JSON Pointer of a value in input, output, error or"
                  + " attributes.");
        }
        if (!mark.getValue().isTextual()) {
          throw error(pointer, "has " + mark.getValue() + " for \"" + at + "\"", how);
        }
        marks.put(at, mark.getValue().textValue());
      }
      return marks;
    }

    private JsonNode required(JsonNode parent, String pointer, String field) {
      JsonNode value = parent.get(field);
      if (value == null) {
        throw error(pointer, "has no \"" + field + "\"", "Add it, or record the asset again.");
      }
      return value;
    }

    private String text(JsonNode value, String pointer) {
      if (!value.isTextual()) {
        throw error(pointer, "is " + value + ", not a string", "Write it as a JSON string.");
      }
      return value.textValue();
    }

    private JsonNode array(JsonNode value, String pointer) {
      if (!value.isArray()) {
        throw error(pointer, "is not an array", "Write it as a JSON array.");
      }
      return value;
    }

    private void checkFields(JsonNode object, String pointer, Set<String> allowed) {
      if (!object.isObject()) {
        throw error(pointer, "is not an object", "Write it as a JSON object.");
      }
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        String name = field.getKey();
        if (!allowed.contains(name)) {
          throw error(
              pointer,
              "has the unknown field \"" + name + "\"",
              "Remove it; the fields here are " + new TreeSet<>(allowed) + ".");
        }
      }
    }

    private AssetFormatException error(String pointer, String problem, String remedy) {
      String where = pointer.isEmpty() ? "" : ": " + pointer;
      return new AssetFormatException(source, source + where + " " + problem + ". " + remedy, null);
    }
  }

  /** A checkpoint read from the file, before its children are known. */
  private static final class Parsed {
    final CheckpointKey key;
    final ObjectNode fields;
    final Map<String, String> noise;
    final List<Parsed> children = new ArrayList<>();

    Parsed(CheckpointKey key, ObjectNode fields, Map<String, String> noise) {
      this.key = key;
      this.fields = fields;
      this.noise = noise;
    }
  }
}
