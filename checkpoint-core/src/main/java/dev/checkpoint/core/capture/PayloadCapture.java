package dev.checkpoint.core.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.internal.BoundedBuffer;
import dev.checkpoint.core.internal.JsonCodec;
import dev.checkpoint.core.model.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns application values into {@link Payload}s: serialised with Jackson, secrets redacted, and
 * cut to a byte limit. Never throws: a value Jackson cannot serialise becomes a placeholder that
 * names its type and the reason.
 *
 * <p>Memory is bounded by the limit whatever the value's size: serialisation writes into a buffer
 * that keeps the first {@code maxBytes} and only counts the rest. A value over the limit becomes
 * {@code {"truncated": true, "originalSize": n, "preview": "..."}} where the preview is the
 * redacted start of its JSON.
 */
public final class PayloadCapture {

  /** The default per-payload limit: 64 KiB. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private static final SerializedString MARKER = new SerializedString(Redaction.MARKER);

  /** Room for the marker's own fields, so a truncated payload stays within the limit. */
  private static final int MARKER_OVERHEAD = 64;

  private final ObjectMapper mapper = JsonCodec.mapper();
  private final JsonFactory factory = mapper.getFactory();
  private final Redaction redaction;
  private final int maxBytes;

  private PayloadCapture(Redaction redaction, int maxBytes) {
    this.redaction = redaction;
    this.maxBytes = maxBytes;
  }

  /**
   * Creates a capture.
   *
   * @param redaction which keys hold secrets
   * @param maxBytes the per-payload limit in bytes, at least 64
   * @return the capture
   */
  public static PayloadCapture create(Redaction redaction, int maxBytes) {
    Objects.requireNonNull(redaction, "redaction");
    if (maxBytes < 64) {
      throw new IllegalArgumentException("maxBytes must be at least 64, was " + maxBytes);
    }
    return new PayloadCapture(redaction, maxBytes);
  }

  /**
   * The limit in force.
   *
   * @return bytes per payload
   */
  public int maxBytes() {
    return maxBytes;
  }

  /**
   * The redaction in force.
   *
   * @return the redaction
   */
  public Redaction redaction() {
    return redaction;
  }

  /**
   * Captures a value.
   *
   * @param value any value, may be {@code null}
   * @param rootPath the path redacted values are reported under, such as {@code input}
   * @return the captured payload
   */
  public CapturedPayload capture(Object value, String rootPath) {
    if (value == null) {
      return new CapturedPayload(Payload.NULL, List.of(), false);
    }
    BoundedBuffer raw = new BoundedBuffer(maxBytes);
    try {
      mapper.writeValue(raw, value);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return new CapturedPayload(unserialisable(value, e), List.of(), false);
    }
    List<String> redacted = new ArrayList<>();
    ByteArrayBuilder out = new ByteArrayBuilder(Math.min(raw.kept() + 16, maxBytes + 64));
    boolean complete = copyRedacting(raw, out, rootPath, redacted);
    if (!raw.overflowed() && complete) {
      return new CapturedPayload(Payload.ofUtf8(out.toByteArray()), redacted, false);
    }
    // A long string has no token boundary to stop at, so its preview is its own start.
    String preview =
        value instanceof CharSequence text
            ? prefixWithin(text, maxBytes)
            : new String(out.toByteArray(), StandardCharsets.UTF_8);
    return new CapturedPayload(truncated(raw.total(), preview), redacted, true);
  }

  private static String prefixWithin(CharSequence text, int maxBytes) {
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      char c = text.charAt(end);
      int width = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
      if (bytes + width > maxBytes) {
        break;
      }
      bytes += width;
      end++;
    }
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.subSequence(0, end).toString();
  }

  private boolean copyRedacting(
      BoundedBuffer raw, ByteArrayBuilder out, String rootPath, List<String> redacted) {
    try (JsonParser parser = factory.createParser(raw.array(), 0, raw.kept());
        JsonGenerator generator = factory.createGenerator(out)) {
      try {
        while (parser.nextToken() != null) {
          if (parser.currentToken() == JsonToken.FIELD_NAME
              && redaction.isSecret(parser.currentName())) {
            generator.writeFieldName(parser.currentName());
            // The marker goes out before the value is read, so a value cut by the limit
            // cannot leak a prefix of the secret.
            generator.writeString(MARKER);
            redacted.add(path(rootPath, parser.getParsingContext()));
            parser.nextToken();
            parser.skipChildren();
          } else {
            generator.copyCurrentEvent(parser);
          }
        }
        return true;
      } catch (IOException endOfKeptBytes) {
        // Only a truncated buffer ends mid-value; what was copied so far is the preview.
        generator.flush();
        return false;
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** Builds the marker, shortening the preview until escaping keeps it within the limit. */
  private Payload truncated(long originalSize, String preview) {
    String kept = cut(preview, preview.length() - MARKER_OVERHEAD);
    try {
      while (true) {
        Payload marker =
            Payload.ofJson(mapper.writeValueAsString(new TruncatedValue(true, originalSize, kept)));
        int excess = marker.size() - maxBytes;
        if (excess <= 0 || kept.isEmpty()) {
          return marker;
        }
        kept = cut(kept, kept.length() - excess);
      }
    } catch (IOException e) {
      return Payload.ofJson("{\"truncated\":true,\"originalSize\":" + originalSize + "}");
    }
  }

  private static String cut(String text, int length) {
    int end = Math.max(0, Math.min(length, text.length()));
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private Payload unserialisable(Object value, Throwable reason) {
    try {
      return Payload.ofJson(
          mapper.writeValueAsString(
              new UnserialisableValue(value.getClass().getName(), String.valueOf(reason))));
    } catch (IOException e) {
      return Payload.ofJson("{\"unserializable\":\"unknown\"}");
    }
  }

  /**
   * Formats a parser position as a dotted path: {@code input.items[2].password}.
   *
   * @param rootPath the prefix
   * @param context the parser's context at a field name
   * @return the path
   */
  static String path(String rootPath, JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        parts.add("." + c.getCurrentName());
      } else if (c.inArray()) {
        parts.add("[" + c.getCurrentIndex() + "]");
      }
    }
    StringBuilder path = new StringBuilder(rootPath);
    for (int i = parts.size() - 1; i >= 0; i--) {
      path.append(parts.get(i));
    }
    return path.toString();
  }

  private record TruncatedValue(boolean truncated, long originalSize, String preview) {}

  private record UnserialisableValue(String unserializable, String reason) {}
}
