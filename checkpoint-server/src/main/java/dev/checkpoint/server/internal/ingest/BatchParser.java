package dev.checkpoint.server.internal.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.checkpoint.server.internal.storage.Checkpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads and validates an ingestion batch (DESIGN.md, "Wire formats"). The whole batch is checked
 * before anything is stored, so that a bad checkpoint rejects its batch and nothing of it is
 * half-written. Unknown fields are ignored, so that newer clients can add some.
 */
public final class BatchParser {
  /** The kinds of checkpoint. */
  public static final Set<String> KINDS =
      Set.of("HTTP_SERVER", "HTTP_CLIENT", "SQL", "METHOD", "MESSAGE_PUBLISH", "MESSAGE_CONSUME");

  /** Run ids appear in URLs, so they are limited to characters that need no escaping there. */
  public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");

  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern UNIX_NANOS = Pattern.compile("[0-9]{1,19}");
  private static final long MIN_NANOS = 946_684_800_000_000_000L; // 2000-01-01T00:00:00Z
  private static final long MAX_NANOS = 4_102_444_800_000_000_000L; // 2100-01-01T00:00:00Z
  private static final int MAX_TEXT = 1024;

  private final ObjectMapper mapper =
      JsonMapper.builder()
          // Small values read into trees (errors, unknown fields) keep their numbers exact.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private final long maxBodyBytes;
  private final long maxDecompressedBytes;

  public BatchParser(long maxBodyBytes, long maxDecompressedBytes) {
    this.maxBodyBytes = maxBodyBytes;
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  /**
   * Parses a request body.
   *
   * @param gzip whether the body is gzip-compressed
   * @throws BodyTooLargeException if the body or its decompressed form is over the limit
   * @throws InvalidBatchException if the body is not a valid batch
   * @throws IOException if the body could not be read
   */
  public List<Checkpoint> parse(InputStream body, boolean gzip)
      throws IOException, InvalidBatchException {
    byte[] bytes =
        new LimitedInputStream(body, maxBodyBytes, "The request body", "limits.max-body-bytes")
            .readAllBytes();
    if (gzip) {
      try (InputStream in =
          new LimitedInputStream(
              new GZIPInputStream(new ByteArrayInputStream(bytes), 8192),
              maxDecompressedBytes,
              "The decompressed body",
              "limits.max-decompressed-bytes")) {
        bytes = in.readAllBytes();
      } catch (BodyTooLargeException e) {
        throw e;
      } catch (IOException e) {
        throw new InvalidBatchException(
            "invalid_gzip",
            "The body is not valid gzip ("
                + e.getMessage()
                + "). Compress it whole, or drop the Content-Encoding header.",
            null);
      }
    }
    try {
      return parse(bytes);
    } catch (JsonProcessingException e) {
      throw new InvalidBatchException(
          "invalid_json", "The body is not valid JSON: " + e.getOriginalMessage(), null);
    }
  }

  /**
   * Streams through the batch. Payloads (input, output, attributes) are kept as the exact bytes
   * received instead of being parsed into trees and written again: that halves the work per
   * checkpoint, and the parser still checks that they are well-formed JSON.
   */
  private List<Checkpoint> parse(byte[] bytes) throws IOException, InvalidBatchException {
    try (JsonParser parser = mapper.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidBatchException("invalid_json", "The body is empty.", null);
      }
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidBatchException(
            "invalid_batch", "The body must be a JSON object with batchId and checkpoints.", null);
      }
      ObjectNode batch = mapper.createObjectNode();
      List<Part> parts = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (batch.has(field) || (parts != null && field.equals("checkpoints"))) {
          throw duplicate(field);
        }
        if (field.equals("checkpoints") && value == JsonToken.START_ARRAY) {
          parts = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            parts.add(part(parser, bytes, "checkpoints[" + parts.size() + "]"));
          }
        } else {
          batch.set(field, mapper.readTree(parser));
        }
      }
      if (parser.nextToken() != null) {
        throw new InvalidBatchException(
            "invalid_json", "The body has content after the batch object.", null);
      }
      return checkpoints(batch, parts);
    }
  }

  /** One element of the checkpoints array, read but not yet validated. */
  private record Part(
      JsonNode fields, String input, String output, String attributes, JsonToken attributesToken) {}

  private Part part(JsonParser parser, byte[] bytes, String path)
      throws IOException, InvalidBatchException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return new Part(mapper.readTree(parser), null, null, null, null);
    }
    ObjectNode fields = mapper.createObjectNode();
    String input = null;
    String output = null;
    String attributes = null;
    JsonToken attributesToken = null;
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!seen.add(field)) {
        throw duplicate(path + "." + field);
      }
      switch (field) {
        case "input" -> input = raw(parser, bytes);
        case "output" -> output = raw(parser, bytes);
        case "attributes" -> {
          attributesToken = value;
          attributes = raw(parser, bytes);
        }
        default -> fields.set(field, value(parser));
      }
    }
    return new Part(fields, input, output, attributes, attributesToken);
  }

  /**
   * Duplicate keys are looked for in the batch and its checkpoints only, where they would make a
   * field ambiguous. Payloads are stored as received, duplicates included: checking every nested
   * object of every payload cost a sixth of the ingestion time.
   */
  private static InvalidBatchException duplicate(String path) {
    return new InvalidBatchException(
        "duplicate_field", path + " appears twice; a field may be given once.", path);
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
      default -> mapper.readTree(parser);
    };
  }

  /** The JSON text of the current value as received; null for JSON null. */
  private String raw(JsonParser parser, byte[] bytes) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    long offset = parser.currentTokenLocation().getByteOffset();
    // Offsets are in bytes only for UTF-8 input; JSON in UTF-16 or UTF-32 is rare enough to take
    // the slower path of a tree written out again.
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && offset >= 0) {
      int start = (int) offset;
      parser.skipChildren();
      int end = (int) parser.currentLocation().getByteOffset();
      return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
    // A scalar's end offset is not reliable while the parser reads lazily; scalars are rare.
    return json(mapper.readTree(parser));
  }

  private List<Checkpoint> checkpoints(ObjectNode batch, List<Part> parts)
      throws InvalidBatchException {
    String batchId = requiredText(batch, "batchId", "batchId", 128);
    JsonNode resource = batch.get("resource");
    String defaultService = null;
    String instance = null;
    if (resource != null && !resource.isNull()) {
      if (!resource.isObject()) {
        throw wrongType("resource", "an object");
      }
      defaultService = optionalText(resource, "service", "resource.service", 256);
      instance = optionalText(resource, "instance", "resource.instance", 256);
      optionalText(resource, "sdk", "resource.sdk", 256);
    }
    if (parts == null) {
      JsonNode items = batch.get("checkpoints");
      throw items == null || items.isNull()
          ? missing("checkpoints")
          : wrongType("checkpoints", "an array");
    }
    List<Checkpoint> checkpoints = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      checkpoints.add(
          checkpoint(parts.get(i), "checkpoints[" + i + "]", batchId, defaultService, instance));
    }
    return checkpoints;
  }

  private Checkpoint checkpoint(
      Part part, String path, String batchId, String defaultService, String instance)
      throws InvalidBatchException {
    JsonNode node = part.fields();
    if (!node.isObject()) {
      throw wrongType(path, "an object");
    }
    String id = spanId(node, "id", path, true);
    String traceId = requiredText(node, "traceId", path + ".traceId", 32);
    if (!TRACE_ID.matcher(traceId).matches() || isZero(traceId)) {
      throw invalid(
          path + ".traceId", "must be a W3C trace id: 32 lowercase hex digits, not all zero");
    }
    String parentId = spanId(node, "parentId", path, false);
    if (id.equals(parentId)) {
      throw invalid(path + ".parentId", "must differ from id: a checkpoint is not its own parent");
    }
    String runId = optionalText(node, "runId", path + ".runId", 128);
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      throw invalid(
          path + ".runId",
          "must be 1 to 128 characters of letters, digits and ._:@+- starting with a letter or"
              + " digit");
    }
    String service = optionalText(node, "service", path + ".service", 256);
    if (service == null) {
      service = defaultService;
    }
    if (service == null || service.isEmpty()) {
      throw invalid(
          path + ".service", "is required here or as resource.service, and must not be empty");
    }
    String kind = requiredText(node, "kind", path + ".kind", 32);
    if (!KINDS.contains(kind)) {
      throw invalid(path + ".kind", "must be one of " + String.join(", ", sortedKinds()));
    }
    String name = requiredText(node, "name", path + ".name", MAX_TEXT);
    long start = unixNanos(node, "startTimeUnixNano", path);
    long end = unixNanos(node, "endTimeUnixNano", path);
    if (end < start) {
      throw invalid(path + ".endTimeUnixNano", "must not be before startTimeUnixNano");
    }
    String thread = optionalText(node, "thread", path + ".thread", MAX_TEXT);
    if (part.attributes() != null && part.attributesToken() != JsonToken.START_OBJECT) {
      throw wrongType(path + ".attributes", "an object or null");
    }
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
        part.input(),
        part.output(),
        json(error(node.get("error"), path + ".error")),
        part.attributes(),
        json(stringArray(node.get("truncated"), path + ".truncated")),
        json(stringArray(node.get("redacted"), path + ".redacted")),
        batchId);
  }

  private static List<String> sortedKinds() {
    return KINDS.stream().sorted().toList();
  }

  private static JsonNode error(JsonNode error, String path) throws InvalidBatchException {
    if (error == null || error.isNull()) {
      return null;
    }
    if (!error.isObject()) {
      throw wrongType(path, "an object with type, message and stack, or null");
    }
    requiredText(error, "type", path + ".type", MAX_TEXT);
    optionalText(error, "message", path + ".message", Integer.MAX_VALUE);
    stringArray(error.get("stack"), path + ".stack");
    return error;
  }

  private static JsonNode stringArray(JsonNode array, String path) throws InvalidBatchException {
    if (array == null || array.isNull()) {
      return null;
    }
    if (!array.isArray()) {
      throw wrongType(path, "an array of strings or null");
    }
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        throw wrongType(path + "[" + i + "]", "a string");
      }
    }
    return array;
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

  private static String spanId(JsonNode node, String field, String path, boolean required)
      throws InvalidBatchException {
    String fieldPath = path + "." + field;
    String value =
        required
            ? requiredText(node, field, fieldPath, 16)
            : optionalText(node, field, fieldPath, 16);
    if (value != null && (!SPAN_ID.matcher(value).matches() || isZero(value))) {
      throw invalid(fieldPath, "must be a W3C span id: 16 lowercase hex digits, not all zero");
    }
    return value;
  }

  private static long unixNanos(JsonNode node, String field, String path)
      throws InvalidBatchException {
    String fieldPath = path + "." + field;
    String value = requiredText(node, field, fieldPath, 19);
    if (!UNIX_NANOS.matcher(value).matches()) {
      throw invalid(fieldPath, "must be Unix nanoseconds as a string of decimal digits");
    }
    // Nineteen digits may overflow a long; those are out of range as well.
    long nanos =
        value.length() < 19 || value.compareTo("9223372036854775807") <= 0
            ? Long.parseLong(value)
            : Long.MAX_VALUE;
    if (nanos < MIN_NANOS || nanos >= MAX_NANOS) {
      throw invalid(
          fieldPath,
          "must be between 2000-01-01 and 2100-01-01 in Unix nanoseconds (got "
              + value
              + "; milliseconds or seconds by mistake?)");
    }
    return nanos;
  }

  private static boolean isZero(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  private static String requiredText(JsonNode node, String field, String path, int maxLength)
      throws InvalidBatchException {
    String value = optionalText(node, field, path, maxLength);
    if (value == null) {
      throw missing(path);
    }
    if (value.isEmpty()) {
      throw invalid(path, "must not be empty");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field, String path, int maxLength)
      throws InvalidBatchException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(path, "a string");
    }
    String text = value.textValue();
    if (text.length() > maxLength) {
      throw invalid(path, "must be at most " + maxLength + " characters");
    }
    return text;
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
