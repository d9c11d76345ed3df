package dev.checkpoint.instrumentation.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.instrumentation.JsonBody;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded shape of an HTTP body, chosen by content type: JSON as JSON and form data as an
 * object of fields (so secret keys are redacted and assets diff field by field), text as a string,
 * anything else as {@code {"base64": "...", "size": n}}, an empty body as {@code null}.
 *
 * <p>A body over its byte budget becomes {@code {"truncated": true, "originalSize": n, "preview":
 * "..."}}, the marker the payload capture uses. The preview of JSON and form data is redacted here,
 * key by key, because the outer capture sees only a string; binary content has no preview.
 */
final class HttpBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Room kept for redaction markers and the body's own key, on top of the rest's size. */
  private static final int MARGIN = 64;

  private static final int PER_ENTRY_MARGIN = 16;

  /** Room for the truncation marker's own fields. */
  private static final int MARKER_OVERHEAD = 64;

  private HttpBodies() {}

  /**
   * A body's recorded value.
   *
   * @param value what goes under {@code body}
   * @param truncated whether the body was cut to its budget
   */
  record Shaped(Object value, boolean truncated) {}

  /**
   * How many bytes the body of a message may take so that the whole message (head and body) stays
   * within the payload limit.
   */
  static int budget(int maxBytes, Map<String, Object> head) {
    int entries = entries(head);
    int headSize;
    try {
      headSize = MAPPER.writeValueAsBytes(head).length;
    } catch (JsonProcessingException e) {
      headSize = maxBytes / 2;
    }
    return Math.max(MARKER_OVERHEAD * 2, maxBytes - headSize - MARGIN - PER_ENTRY_MARGIN * entries);
  }

  /**
   * The budget for a body of {@code bodySize} bytes: when the body fits twice over (base64 takes
   * 4/3) in what an upper bound of the head's JSON size leaves, that bound's budget, since every
   * shaping then comes out as with the exact one; otherwise the exact budget ({@link #budget(int,
   * Map)}). Writing the head as JSON only to measure it cost each recorded message a generator and
   * its buffers.
   */
  static int budget(int maxBytes, Map<String, Object> head, long bodySize) {
    long headBound = jsonSizeBound(head);
    long quick = maxBytes - headBound - MARGIN - (long) PER_ENTRY_MARGIN * entries(head);
    if (headBound >= 0 && bodySize <= quick / 2) {
      return (int) quick;
    }
    return budget(maxBytes, head);
  }

  /**
   * At least as many bytes as {@code value} takes as JSON (a control character escaped as a unicode
   * escape takes six bytes); -1 for a value of a type not measured here.
   */
  private static long jsonSizeBound(Object value) {
    if (value == null || value instanceof Boolean) {
      return 5;
    }
    if (value instanceof Integer || value instanceof Long) {
      return 20;
    }
    if (value instanceof CharSequence text) {
      return 2 + 6L * text.length();
    }
    long size = 2;
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        long key = jsonSizeBound(String.valueOf(entry.getKey()));
        long item = jsonSizeBound(entry.getValue());
        if (item < 0) {
          return -1;
        }
        size += key + item + 2;
      }
      return size;
    }
    if (value instanceof Iterable<?> items) {
      for (Object element : items) {
        long item = jsonSizeBound(element);
        if (item < 0) {
          return -1;
        }
        size += item + 1;
      }
      return size;
    }
    return -1;
  }

  private static int entries(Map<String, Object> head) {
    int entries = head.size();
    for (Object value : head.values()) {
      if (value instanceof Map<?, ?> map) {
        entries += map.size();
      }
    }
    return entries;
  }

  static Shaped shape(String contentType, BodyBuffer body, int budget, Redaction redaction) {
    long total = body.total();
    if (total == 0) {
      return new Shaped(null, false);
    }
    byte[] kept = body.kept();
    Format format = Format.of(contentType, kept);
    Charset charset = ContentTypes.charset(contentType, StandardCharsets.UTF_8);
    if (total <= budget && kept.length == total) {
      Object complete = complete(format, kept, charset, budget);
      if (complete != null) {
        return new Shaped(complete, false);
      }
    }
    ObjectNode marker = MAPPER.createObjectNode().put("truncated", true).put("originalSize", total);
    String preview =
        switch (format) {
          case JSON -> redactedJson(kept, redaction);
          case FORM -> redactedForm(new String(kept, charset), redaction);
          case TEXT -> new String(kept, charset);
          case BINARY -> null;
        };
    if (preview != null) {
      marker.put("preview", fit(preview, budget - MARKER_OVERHEAD));
    }
    return new Shaped(marker, true);
  }

  /**
   * The recorded value of a form the framework parsed itself: its fields, or the truncation marker
   * with a redacted preview of their JSON when they do not fit the budget.
   */
  static Shaped shape(FormFields form, long originalSize, int budget, Redaction redaction) {
    Map<String, Object> fields = form.value();
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(fields);
    } catch (JsonProcessingException e) {
      json = new byte[0];
    }
    if (!form.overflowed() && json.length > 0 && json.length <= budget) {
      return new Shaped(fields, false);
    }
    ObjectNode marker =
        MAPPER
            .createObjectNode()
            .put("truncated", true)
            .put("originalSize", originalSize >= 0 ? originalSize : form.size());
    marker.put("preview", fit(redactedJson(json, redaction), budget - MARKER_OVERHEAD));
    return new Shaped(marker, true);
  }

  private static Object complete(Format format, byte[] bytes, Charset charset, int budget) {
    switch (format) {
      case JSON:
        JsonBody json = JsonBody.of(bytes);
        // Else recorded as the text it is: a body that lies about its type is still worth seeing.
        return json != null ? json : new String(bytes, charset);
      case FORM:
        return FormFields.urlEncoded(new String(bytes, charset), Integer.MAX_VALUE).value();
      case TEXT:
        return new String(bytes, charset);
      default:
        String base64 = Base64.getEncoder().encodeToString(bytes);
        if (base64.length() > budget) {
          return null;
        }
        Map<String, Object> binary = new LinkedHashMap<>();
        binary.put("base64", base64);
        binary.put("size", bytes.length);
        return binary;
    }
  }

  /** The form as {@code a=1&b=2} again, values of secret fields replaced. */
  private static String redactedForm(String form, Redaction redaction) {
    StringBuilder text = new StringBuilder();
    FormFields.urlEncoded(form, Integer.MAX_VALUE)
        .value()
        .forEach(
            (name, value) -> {
              for (Object each : value instanceof List<?> values ? values : List.of(value)) {
                text.append(text.length() == 0 ? "" : "&")
                    .append(name)
                    .append('=')
                    .append(redaction.isSecret(name) ? Redaction.MARKER : each);
              }
            });
    return text.toString();
  }

  /**
   * The JSON text of the start of a JSON body, values of secret keys replaced. The marker is
   * written before the value is read, so a value cut by the limit cannot leak its own prefix.
   */
  private static String redactedJson(byte[] start, Redaction redaction) {
    StringWriter out = new StringWriter();
    try (JsonParser parser = MAPPER.getFactory().createParser(start);
        JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      try {
        while (parser.nextToken() != null) {
          if (parser.currentToken() == JsonToken.FIELD_NAME
              && redaction.isSecret(parser.currentName())) {
            generator.writeFieldName(parser.currentName());
            generator.writeString(Redaction.MARKER);
            parser.nextToken();
            parser.skipChildren();
          } else {
            generator.copyCurrentEvent(parser);
          }
        }
      } catch (IOException endOfKeptBytes) {
        // The kept bytes end inside a value: what was copied so far is the preview.
      }
      generator.flush();
    } catch (IOException e) {
      return "";
    }
    return out.toString();
  }

  /** Cuts text until its JSON string form fits in {@code maxBytes}. */
  private static String fit(String text, int maxBytes) {
    String kept = text;
    try {
      while (true) {
        int excess = MAPPER.writeValueAsBytes(kept).length - maxBytes;
        if (excess <= 0 || kept.isEmpty()) {
          return kept;
        }
        int end = Math.max(0, kept.length() - Math.max(excess, (kept.length() + 7) / 8));
        if (end > 0 && Character.isHighSurrogate(kept.charAt(end - 1))) {
          end--;
        }
        kept = kept.substring(0, end);
      }
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  private enum Format {
    JSON,
    FORM,
    TEXT,
    BINARY;

    static Format of(String contentType, byte[] start) {
      if (contentType == null || contentType.isBlank()) {
        return isUtf8Text(start) ? TEXT : BINARY;
      }
      String type = ContentTypes.mediaType(contentType);
      if (type.equals("application/json") || type.endsWith("+json")) {
        return JSON;
      }
      if (type.equals("application/x-www-form-urlencoded")) {
        return FORM;
      }
      if (type.startsWith("text/")
          || type.endsWith("/xml")
          || type.endsWith("+xml")
          || type.equals("application/javascript")
          || type.equals("application/x-ndjson")
          || contentType.toLowerCase(Locale.ROOT).contains("charset=")) {
        return TEXT;
      }
      return BINARY;
    }

    private static boolean isUtf8Text(byte[] bytes) {
      // The last few bytes may be a character cut by the buffer limit.
      int length = bytes.length <= 3 ? bytes.length : bytes.length - 3;
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, 0, length))
                .toString();
        return text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
      } catch (CharacterCodingException e) {
        return false;
      }
    }
  }
}
