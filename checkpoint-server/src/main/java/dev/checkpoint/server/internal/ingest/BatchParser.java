package dev.checkpoint.server.internal.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.checkpoint.CheckpointId;
import dev.checkpoint.Kind;
import dev.checkpoint.RunId;
import dev.checkpoint.TraceId;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.StorableText;
import dev.checkpoint.server.internal.storage.StoredJson;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates an ingestion batch (DESIGN.md, "Wire formats"). The whole batch is checked
 * before anything is stored, so that a bad checkpoint rejects its batch and nothing of it is
 * half-written. Unknown fields are ignored, so that newer clients can add some.
 */
public final class BatchParser {
  private static final long MIN_NANOS = 946_684_800_000_000_000L; // 2000-01-01T00:00:00Z
  private static final long MAX_NANOS = 4_102_444_800_000_000_000L; // 2100-01-01T00:00:00Z
  private static final int MAX_TEXT = 1024;

  private final ObjectMapper mapper = StoredJson.MAPPER;

  /** Reads values into trees, refusing a key given twice as the payloads' check does. */
  private final ObjectReader trees =
      mapper.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private final long maxBodyBytes;
  private final long maxDecompressedBytes;
  private final int maxTreeDepth;

  /**
   * @param maxTreeDepth the longest parent chain a batch may bring, so that what is stored can
   *     always be read back nested (the read side refuses deeper trees built over several batches)
   */
  public BatchParser(long maxBodyBytes, long maxDecompressedBytes, int maxTreeDepth) {
    this.maxBodyBytes = maxBodyBytes;
    this.maxDecompressedBytes = maxDecompressedBytes;
    this.maxTreeDepth = maxTreeDepth;
  }

  /**
   * Reads and parses a request body.
   *
   * @param gzip whether the body is gzip-compressed
   * @throws BodyTooLargeException if the body or its decompressed form is over the limit
   * @throws InvalidBatchException if the body is not a valid batch
   * @throws IOException if the body could not be read
   */
  public List<Checkpoint> parse(InputStream body, boolean gzip)
      throws IOException, InvalidBatchException {
    return parse(read(body), gzip);
  }

  /**
   * Reads a request body whole, up to the body limit: the only step that waits for the client.
   *
   * @throws BodyTooLargeException if the body is over the limit
   * @throws IOException if the body could not be read
   */
  public byte[] read(InputStream body) throws IOException {
    return new LimitedInputStream(body, maxBodyBytes, "The request body", "limits.max-body-bytes")
        .readAllBytes();
  }

  /**
   * Parses a request body already read.
   *
   * @param gzip whether the body is gzip-compressed
   * @throws BodyTooLargeException if its decompressed form is over the limit
   * @throws InvalidBatchException if the body is not a valid batch
   * @throws IOException never for a body in memory, but for a bug
   */
  public List<Checkpoint> parse(byte[] body, boolean gzip)
      throws IOException, InvalidBatchException {
    byte[] bytes = gzip ? GzipBody.inflate(body, maxDecompressedBytes) : body;
    int malformed = Utf8.firstMalformed(bytes);
    if (malformed >= 0) {
      String path = pathAt(bytes, malformed);
      throw new InvalidBatchException(
          "invalid_utf8",
          (path == null ? "The body" : path)
              + " is not well-formed UTF-8 (byte "
              + malformed
              + (gzip ? " of the decompressed body" : "")
              + ": an overlong form, an encoded surrogate or a stray byte). Send the text"
              + " encoded as UTF-8.",
          path);
    }
    try {
      return parse(bytes);
    } catch (JsonProcessingException e) {
      if (e.getOriginalMessage().startsWith("Duplicate field '")
          && e.getProcessor() instanceof JsonParser parser) {
        throw duplicate(path(parser.getParsingContext()));
      }
      throw new InvalidBatchException(
          "invalid_json", "The body is not valid JSON: " + e.getOriginalMessage(), null);
    } catch (CharConversionException e) {
      // NUL bytes among the first four make Jackson read UTF-16 or UTF-32, as a client sending
      // UTF-16 without a byte order mark needs; the bytes may then not decode.
      throw new InvalidBatchException(
          "invalid_json",
          "The body is not valid JSON in the UTF-16 or UTF-32 that the NUL bytes at its start"
              + " suggest: "
              + e.getMessage()
              + ". Send JSON encoded as UTF-8.",
          null);
    }
  }

  /**
   * Streams through the batch. Payloads (input, output, attributes) are kept as the exact bytes
   * received instead of being parsed into trees and written again: that halves the work per
   * checkpoint, and the parser still checks that they are well-formed JSON.
   */
  private List<Checkpoint> parse(byte[] bytes) throws IOException, InvalidBatchException {
    try (JsonParser parser = mapper.createParser(bytes)) {
      try {
        return parse(parser, bytes);
      } catch (NumberFormatException e) {
        // Numbers are read as BigDecimal, whose exponent is an int: 1e2147483648 is valid JSON
        // that no reader of the stored checkpoint could take.
        String path = path(parser.getParsingContext());
        throw new InvalidBatchException(
            "invalid_number",
            (path == null ? "The body" : path)
                + " holds a number whose exponent is beyond ±2147483647, which cannot be stored"
                + " exactly. Send it as a string, or with a smaller exponent.",
            path);
      }
    }
  }

  private List<Checkpoint> parse(JsonParser parser, byte[] bytes)
      throws IOException, InvalidBatchException {
    PayloadKeys keys = new PayloadKeys();
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new InvalidBatchException("invalid_json", "The body is empty.", null);
    }
    if (first != JsonToken.START_OBJECT) {
      throw new InvalidBatchException(
          "invalid_batch", "The body must be a JSON object with batchId and checkpoints.", null);
    }
    ObjectNode batch = mapper.createObjectNode();
    List<CheckpointFields> parts = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (batch.has(field) || (parts != null && field.equals("checkpoints"))) {
        throw duplicate(field);
      }
      if (field.equals("checkpoints") && value == JsonToken.START_ARRAY) {
        parts = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          parts.add(fields(parser, bytes, keys, parts.size()));
        }
      } else {
        batch.set(field, trees.readTree(parser));
      }
    }
    if (parser.nextToken() != null) {
      throw new InvalidBatchException(
          "invalid_json", "The body has content after the batch object.", null);
    }
    return checkpoints(batch, parts);
  }

  /**
   * The fields of one element of the checkpoints array as read, before validation. A field given as
   * JSON null holds a null node (or a null payload or array), not Java null, so that a field given
   * twice is seen whatever its value.
   */
  private static final class CheckpointFields {
    /** False for an element that is not an object, which validation then rejects. */
    boolean object = true;

    JsonNode id;
    JsonNode traceId;
    JsonNode parentId;
    JsonNode runId;
    JsonNode service;
    JsonNode kind;
    JsonNode name;
    JsonNode start;
    JsonNode end;
    JsonNode thread;
    JsonNode error;
    Payload input;
    Payload output;
    Payload attributes;
    StringArray truncated;
    StringArray redacted;
  }

  /**
   * A payload's JSON text exactly as received, null for JSON null, with the token it started with.
   */
  private record Payload(String json, JsonToken token) {}

  /**
   * A field that must be an array of strings: its JSON text written compactly, as a tree would be
   * (null for JSON null), or the first element that is not a string ({@link #NOT_AN_ARRAY} for a
   * value that is not an array). The error is raised in validation, in the order of the checks, not
   * while reading.
   */
  private record StringArray(String json, int invalidIndex) {
    static final int NOT_AN_ARRAY = -2;
    static final StringArray NULL = new StringArray(null, -1);
  }

  /** Reads one element of the checkpoints array: a switch on each field's name into its slot. */
  private CheckpointFields fields(JsonParser parser, byte[] bytes, PayloadKeys keys, int index)
      throws IOException, InvalidBatchException {
    CheckpointFields fields = new CheckpointFields();
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      fields.object = false;
      value(parser);
      return fields;
    }
    Set<String> unknown = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "id" -> fields.id = once(fields.id, value(parser), index, field);
        case "traceId" -> fields.traceId = once(fields.traceId, value(parser), index, field);
        case "parentId" -> fields.parentId = once(fields.parentId, value(parser), index, field);
        case "runId" -> fields.runId = once(fields.runId, value(parser), index, field);
        case "service" -> fields.service = once(fields.service, value(parser), index, field);
        case "kind" -> fields.kind = once(fields.kind, value(parser), index, field);
        case "name" -> fields.name = once(fields.name, value(parser), index, field);
        case "startTimeUnixNano" -> fields.start = once(fields.start, value(parser), index, field);
        case "endTimeUnixNano" -> fields.end = once(fields.end, value(parser), index, field);
        case "thread" -> fields.thread = once(fields.thread, value(parser), index, field);
        case "error" -> fields.error = once(fields.error, value(parser), index, field);
        case "input" ->
            fields.input = once(fields.input, payload(parser, bytes, keys), index, field);
        case "output" ->
            fields.output = once(fields.output, payload(parser, bytes, keys), index, field);
        case "attributes" ->
            fields.attributes = once(fields.attributes, payload(parser, bytes, keys), index, field);
        case "truncated" ->
            fields.truncated = once(fields.truncated, stringArray(parser), index, field);
        case "redacted" ->
            fields.redacted = once(fields.redacted, stringArray(parser), index, field);
        default -> {
          unknown = unknown != null ? unknown : new HashSet<>();
          if (!unknown.add(field)) {
            throw duplicate("checkpoints[" + index + "]." + field);
          }
          value(parser);
        }
      }
    }
    return fields;
  }

  /** The value of a field read for the first time, or the duplicate error. */
  private static <T> T once(T current, T next, int index, String field)
      throws InvalidBatchException {
    if (current != null) {
      throw duplicate("checkpoints[" + index + "]." + field);
    }
    return next;
  }

  /**
   * A key given twice, anywhere in the batch, payloads included: the API, the UI and the assets
   * read a payload into a tree, which would keep only one of the values.
   */
  private static InvalidBatchException duplicate(String path) {
    return new InvalidBatchException(
        "duplicate_field", path + " appears twice; a key may be given once in an object.", path);
  }

  /**
   * The current value as a tree. Strings, booleans and nulls, most fields of a checkpoint, are
   * built directly: going through the mapper costs a deserialisation context per value.
   */
  private JsonNode value(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case VALUE_STRING -> TextNode.valueOf(parser.getText());
      case VALUE_NULL -> NullNode.getInstance();
      case VALUE_TRUE -> BooleanNode.TRUE;
      case VALUE_FALSE -> BooleanNode.FALSE;
      default -> trees.readTree(parser);
    };
  }

  /** The JSON text of the current value as received; its text null for JSON null. */
  private Payload payload(JsonParser parser, byte[] body, PayloadKeys keys)
      throws IOException, InvalidBatchException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return new Payload(null, token);
    }
    long offset = parser.currentTokenLocation().getByteOffset();
    // Offsets are in bytes only for UTF-8 input; JSON in UTF-16 or UTF-32 is rare enough to take
    // the slower path of a tree written out again.
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && offset >= 0) {
      int start = (int) offset;
      if (!keys.skipUnique(parser)) {
        throw duplicate(path(parser.getParsingContext()));
      }
      int end = (int) parser.currentLocation().getByteOffset();
      return new Payload(new String(body, start, end - start, StandardCharsets.UTF_8), token);
    }
    // A scalar's end offset is not reliable while the parser reads lazily; scalars are rare.
    return new Payload(json(trees.readTree(parser)), token);
  }

  /**
   * Reads an array of strings without building a tree. Strings that need no escaping, paths as the
   * SDK writes them, are quoted directly; any other goes through the mapper, so that the text is
   * the same as a tree written out.
   */
  private StringArray stringArray(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return StringArray.NULL;
    }
    if (token != JsonToken.START_ARRAY) {
      value(parser);
      return new StringArray(null, StringArray.NOT_AN_ARRAY);
    }
    List<String> strings = new ArrayList<>();
    int invalid = -1;
    boolean plain = true;
    for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        String text = parser.getText();
        plain &= needsNoEscape(text);
        strings.add(text);
      } else {
        value(parser);
        if (invalid < 0) {
          invalid = i;
        }
      }
    }
    if (invalid >= 0) {
      return new StringArray(null, invalid);
    }
    if (!plain) {
      ArrayNode array = mapper.createArrayNode();
      strings.forEach(array::add);
      return new StringArray(json(array), -1);
    }
    StringBuilder json = new StringBuilder(2 + strings.size() * 32).append('[');
    for (int i = 0; i < strings.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"").append(strings.get(i)).append('"');
    }
    return new StringArray(json.append(']').toString(), -1);
  }

  /** Whether Jackson writes the string as it is: no control character, quote or backslash. */
  private static boolean needsNoEscape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private List<Checkpoint> checkpoints(ObjectNode batch, List<CheckpointFields> parts)
      throws InvalidBatchException {
    String batchId = requiredText(batch.get("batchId"), null, "batchId", 128);
    JsonNode resource = batch.get("resource");
    String defaultService = null;
    String instance = null;
    if (resource != null && !resource.isNull()) {
      if (!resource.isObject()) {
        throw wrongType("resource", "an object");
      }
      defaultService = optionalText(resource.get("service"), "resource", "service", 256);
      instance = optionalText(resource.get("instance"), "resource", "instance", 256);
      optionalText(resource.get("sdk"), "resource", "sdk", 256);
    }
    if (parts == null) {
      JsonNode items = batch.get("checkpoints");
      throw items == null || items.isNull()
          ? missing("checkpoints")
          : wrongType("checkpoints", "an array");
    }
    List<Checkpoint> checkpoints = new ArrayList<>(parts.size());
    String lastRunId = null;
    for (int i = 0; i < parts.size(); i++) {
      Checkpoint checkpoint =
          checkpoint(
              parts.get(i), "checkpoints[" + i + "]", batchId, defaultService, instance, lastRunId);
      lastRunId = checkpoint.runId();
      checkpoints.add(checkpoint);
    }
    checkChainDepth(checkpoints);
    return checkpoints;
  }

  /**
   * Refuses a batch whose own checkpoints form a parent chain deeper than the limit. Each
   * checkpoint's depth is found once, walking up through parents not yet measured.
   */
  private void checkChainDepth(List<Checkpoint> checkpoints) throws InvalidBatchException {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < checkpoints.size(); i++) {
      positions.putIfAbsent(checkpoints.get(i).traceId() + '/' + checkpoints.get(i).id(), i);
    }
    int[] depths = new int[checkpoints.size()];
    List<Integer> path = new ArrayList<>();
    for (int i = 0; i < checkpoints.size(); i++) {
      int at = i;
      while (at >= 0 && depths[at] == 0 && path.size() <= checkpoints.size()) {
        path.add(at);
        Checkpoint checkpoint = checkpoints.get(at);
        Integer parent =
            checkpoint.parentId() == null
                ? null
                : positions.get(checkpoint.traceId() + '/' + checkpoint.parentId());
        at = parent == null ? -1 : parent;
      }
      int depth = at >= 0 ? depths[at] : 0;
      for (int j = path.size() - 1; j >= 0; j--) {
        depths[path.get(j)] = ++depth;
      }
      path.clear();
      if (depths[i] > maxTreeDepth) {
        throw invalid(
            "checkpoints[" + i + "].parentId",
            "ends a chain of "
                + depths[i]
                + " checkpoints in this batch, deeper than limits.max-tree-depth ("
                + maxTreeDepth
                + "): a tree that deep cannot be read back nested or as assets");
      }
    }
  }

  /**
   * Validates one checkpoint. Paths of fields are built only for an error: concatenating them for
   * every field of every checkpoint was measurable.
   *
   * @param validRunId a run id already found valid in this batch, usually that of all of them
   */
  private Checkpoint checkpoint(
      CheckpointFields part,
      String path,
      String batchId,
      String defaultService,
      String instance,
      String validRunId)
      throws InvalidBatchException {
    if (!part.object) {
      throw wrongType(path, "an object");
    }
    String id = spanId(part.id, path, "id", true);
    String traceId = requiredText(part.traceId, path, "traceId", TraceId.LENGTH);
    if (!TraceId.isValid(traceId)) {
      throw invalid(path + ".traceId", "must be " + TraceId.RULE);
    }
    String parentId = spanId(part.parentId, path, "parentId", false);
    if (id.equals(parentId)) {
      throw invalid(path + ".parentId", "must differ from id: a checkpoint is not its own parent");
    }
    String runId = optionalText(part.runId, path, "runId", RunId.MAX_LENGTH);
    if (runId != null && !runId.equals(validRunId) && !RunId.isValid(runId)) {
      throw invalid(path + ".runId", "must be " + RunId.RULE);
    }
    String service = optionalText(part.service, path, "service", 256);
    if (service == null) {
      service = defaultService;
    }
    if (service == null || service.isEmpty()) {
      throw invalid(
          path + ".service", "is required here or as resource.service, and must not be empty");
    }
    String kind = requiredText(part.kind, path, "kind", 32);
    if (Kind.parse(kind).isEmpty()) {
      throw invalid(path + ".kind", "must be " + Kind.RULE);
    }
    String name = requiredText(part.name, path, "name", MAX_TEXT);
    long start = unixNanos(part.start, path, "startTimeUnixNano");
    long end = unixNanos(part.end, path, "endTimeUnixNano");
    if (end < start) {
      throw invalid(path + ".endTimeUnixNano", "must not be before startTimeUnixNano");
    }
    String thread = optionalText(part.thread, path, "thread", MAX_TEXT);
    if (part.attributes != null
        && part.attributes.json() != null
        && part.attributes.token() != JsonToken.START_OBJECT) {
      throw wrongType(path + ".attributes", "an object or null");
    }
    String error = json(error(part.error, path + ".error"));
    String truncated = checked(part.truncated, path + ".truncated");
    String redacted = checked(part.redacted, path + ".redacted");
    return new Checkpoint(
        traceId,
        id,
        parentId,
        runId,
        service,
        instance,
        kind,
        name,
        start,
        end,
        thread,
        text(part.input),
        text(part.output),
        error,
        text(part.attributes),
        truncated,
        redacted,
        batchId);
  }

  private static String text(Payload payload) {
    return payload == null ? null : payload.json();
  }

  private static String checked(StringArray array, String path) throws InvalidBatchException {
    if (array == null) {
      return null;
    }
    if (array.invalidIndex() == StringArray.NOT_AN_ARRAY) {
      throw wrongType(path, "an array of strings or null");
    }
    if (array.invalidIndex() >= 0) {
      throw wrongType(path + "[" + array.invalidIndex() + "]", "a string");
    }
    return array.json();
  }

  private static JsonNode error(JsonNode error, String path) throws InvalidBatchException {
    if (error == null || error.isNull()) {
      return null;
    }
    if (!error.isObject()) {
      throw wrongType(path, "an object with type, message and stack, or null");
    }
    requiredText(error.get("type"), path, "type", MAX_TEXT);
    optionalText(error.get("message"), path, "message", Integer.MAX_VALUE);
    stringArray(error.get("stack"), path + ".stack");
    return error;
  }

  private static void stringArray(JsonNode array, String path) throws InvalidBatchException {
    if (array == null || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      throw wrongType(path, "an array of strings or null");
    }
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        throw wrongType(path + "[" + i + "]", "a string");
      }
    }
  }

  private String json(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // A tree that was just parsed always serialises; failing here is a bug, not bad input.
      throw new UncheckedIOException(e);
    }
  }

  private static String spanId(JsonNode node, String path, String field, boolean required)
      throws InvalidBatchException {
    String value =
        required
            ? requiredText(node, path, field, CheckpointId.LENGTH)
            : optionalText(node, path, field, CheckpointId.LENGTH);
    if (value != null && !CheckpointId.isValid(value)) {
      throw invalid(path + "." + field, "must be " + CheckpointId.RULE);
    }
    return value;
  }

  private static long unixNanos(JsonNode node, String path, String field)
      throws InvalidBatchException {
    String value = requiredText(node, path, field, 19);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(path + "." + field, "must be Unix nanoseconds as a string of decimal digits");
      }
    }
    // Nineteen digits may overflow a long; those are out of range as well.
    long nanos =
        value.length() < 19 || value.compareTo("9223372036854775807") <= 0
            ? Long.parseLong(value)
            : Long.MAX_VALUE;
    if (nanos < MIN_NANOS || nanos >= MAX_NANOS) {
      throw invalid(
          path + "." + field,
          "must be between 2000-01-01 and 2100-01-01 in Unix nanoseconds (got "
              + value
              + "; milliseconds or seconds by mistake?)");
    }
    return nanos;
  }

  /**
   * @param value the field's value, null when it is absent
   * @param parent the path of the object holding the field, null at the top of the batch
   */
  private static String requiredText(JsonNode value, String parent, String field, int maxLength)
      throws InvalidBatchException {
    String text = optionalText(value, parent, field, maxLength);
    if (text == null) {
      throw missing(path(parent, field));
    }
    if (text.isEmpty()) {
      throw invalid(path(parent, field), "must not be empty");
    }
    return text;
  }

  private static String optionalText(JsonNode value, String parent, String field, int maxLength)
      throws InvalidBatchException {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(path(parent, field), "a string");
    }
    String text = value.textValue();
    if (text.length() > maxLength) {
      throw invalid(path(parent, field), "must be at most " + maxLength + " characters");
    }
    String problem = StorableText.problem(text);
    if (problem != null) {
      throw invalid(path(parent, field), problem);
    }
    return text;
  }

  /**
   * The path of the value a parser is at, in the form errors use ({@code checkpoints[2].input.a}).
   */
  private static String path(JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        path.insert(0, "[" + Math.max(0, at.getCurrentIndex()) + "]");
      } else if (at.getCurrentName() != null) {
        path.insert(0, "." + at.getCurrentName());
      }
    }
    return path.isEmpty() ? null : path.substring(path.charAt(0) == '.' ? 1 : 0);
  }

  /** The path of the value holding a byte, found by reading up to it; null if there is none. */
  private String pathAt(byte[] bytes, int offset) throws IOException {
    JsonParser parser;
    try {
      parser = mapper.createParser(bytes);
    } catch (CharConversionException e) {
      // The first bytes look like UTF-32 in a byte order Jackson does not read: no path to give.
      return null;
    }
    try (parser) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
          parser.getText();
        }
        if (parser.currentLocation().getByteOffset() > offset) {
          return path(parser.getParsingContext());
        }
      }
      return null;
    } catch (JsonProcessingException | CharConversionException e) {
      // Jackson refuses some malformed sequences itself, while reading the value that holds them,
      // nesting deeper than its limit before the parser reaches the offset, and bytes that do not
      // decode in the UTF-16 or UTF-32 it took the body for.
      return path(parser.getParsingContext());
    }
  }

  private static String path(String parent, String field) {
    return parent == null ? field : parent + "." + field;
  }

  private static InvalidBatchException missing(String path) {
    return new InvalidBatchException("missing_field", path + " is required", path);
  }

  private static InvalidBatchException wrongType(String path, String expected) {
    return new InvalidBatchException("invalid_type", path + " must be " + expected, path);
  }

  private static InvalidBatchException invalid(String path, String rule) {
    return new InvalidBatchException("invalid_field", path + " " + rule, path);
  }
}
