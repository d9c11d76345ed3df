package dev.checkpoint.core.capture;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.internal.BoundedBuffer;
import dev.checkpoint.core.internal.JsonCodec;
import dev.checkpoint.core.internal.RedactingGenerator;
import dev.checkpoint.core.model.Payload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Turns application values into {@link Payload}s: serialised with Jackson, secrets redacted, and
 * cut to a byte limit. Never throws: a value Jackson cannot serialise becomes a placeholder that
 * names its type and the reason; in a map, such as a method's arguments by name, only the value
 * that fails does. A reference back to an object being written (an entity's back-reference to its
 * parent) is written as {@code {"cycle": "<class>"}}.
 *
 * <p>One pass, bounded memory: Jackson writes through a {@link RedactingGenerator} into a buffer
 * that keeps the first {@code maxBytes} and only counts the rest, so a secret never reaches the
 * buffer and a huge value costs CPU but not memory. A value over the limit becomes {@code
 * {"truncated": true, "originalSize": n, "preview": "..."}} where the preview is the start of its
 * redacted JSON text, shortened so the whole marker stays within the limit.
 */
public final class PayloadCapture {

  /** The default per-payload limit: 64 KiB. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  /**
   * The largest buffer a thread keeps between captures: enough for the usual payload, and at most
   * this much memory per thread of a large pool; a larger payload grows a buffer of its own.
   */
  private static final int MAX_KEPT_BUFFER = 8 * 1024;

  private static final ThreadLocal<Writer> WRITER = new ThreadLocal<>();

  private final Redaction redaction;
  // Bound once: a method reference per capture would be an allocation per payload.
  private final Predicate<String> isSecret;
  private final UnaryOperator<String> redactText;
  private final int maxBytes;

  private PayloadCapture(Redaction redaction, int maxBytes) {
    this.redaction = redaction;
    this.isSecret = redaction::isSecret;
    this.redactText = redaction::redactText;
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
    try {
      return write(value, rootPath);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      if (value instanceof Map<?, ?> map) {
        return captureEachValue(map, rootPath);
      }
      return new CapturedPayload(unserialisable(value, e), List.of(), false);
    }
  }

  /**
   * A map (such as a method's arguments by name) one of whose values failed: each value that cannot
   * be written alone becomes the placeholder, and the others are recorded as they are.
   */
  private CapturedPayload captureEachValue(Map<?, ?> map, String rootPath) {
    Map<Object, Object> values = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          try {
            mapper().writeValue(new BoundedBuffer(maxBytes), value);
            values.put(key, value);
          } catch (IOException | RuntimeException | StackOverflowError e) {
            values.put(key, new UnserialisableValue(value.getClass().getName(), String.valueOf(e)));
          }
        });
    try {
      return write(values, rootPath);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return new CapturedPayload(unserialisable(map, e), List.of(), false);
    }
  }

  private CapturedPayload write(Object value, String rootPath) throws IOException {
    // The thread's writer, taken out while in use: a getter that records a checkpoint of its own
    // (a lazy entity running SQL) captures with a new one. A write that throws leaves its generator
    // in the middle of a value, so the writer goes back to the thread only after a complete one.
    Writer writer = WRITER.get();
    WRITER.set(null);
    List<String> redacted = new ArrayList<>(0);
    if (writer == null || writer.buffer.limit() != maxBytes) {
      writer = Writer.create(maxBytes, isSecret, redactText, rootPath, redacted);
    } else {
      writer.generator.startValue(isSecret, redactText, rootPath, redacted);
    }
    CapturedPayload captured = write(value, writer, redacted);
    if (writer.buffer.capacity() <= MAX_KEPT_BUFFER) {
      writer.buffer.reset();
      WRITER.set(writer);
    }
    return captured;
  }

  private CapturedPayload write(Object value, Writer writer, List<String> redacted)
      throws IOException {
    mapper().writeValue(writer.generator, value);
    writer.generator.flush();
    BoundedBuffer buffer = writer.buffer;
    if (!buffer.overflowed()) {
      return new CapturedPayload(Payload.ofUtf8(buffer.array(), buffer.kept()), redacted, false);
    }
    return new CapturedPayload(truncated(buffer.total(), preview(buffer)), redacted, true);
  }

  /**
   * A capture buffer and the generator that writes into it, kept by a thread between captures:
   * Jackson's generators cannot be pointed at another output, and building one (with its context
   * and the redacting wrapper) per payload was a tenth of a recorded request's allocation. The
   * generator's own output buffer comes from the thread's Jackson buffer pool, where it would
   * otherwise be returned between captures, so keeping it costs a thread no more memory.
   */
  private static final class Writer {

    private final BoundedBuffer buffer;
    private final RedactingGenerator generator;

    private Writer(BoundedBuffer buffer, RedactingGenerator generator) {
      this.buffer = buffer;
      this.generator = generator;
    }

    static Writer create(
        int maxBytes,
        Predicate<String> isSecret,
        UnaryOperator<String> redactText,
        String rootPath,
        List<String> redacted)
        throws IOException {
      BoundedBuffer buffer = new BoundedBuffer(maxBytes);
      JsonGenerator json = mapper().getFactory().createGenerator(buffer);
      // Each capture is one root value of its own: no separator between it and the one before.
      json.setRootValueSeparator(null);
      RedactingGenerator generator =
          new RedactingGenerator(json, isSecret, redactText, Redaction.MARKER, rootPath, redacted);
      generator.setCodec(mapper());
      return new Writer(buffer, generator);
    }
  }

  /** The kept bytes as text; a character cut by the limit is dropped, not replaced. */
  private static String preview(BoundedBuffer buffer) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.IGNORE)
            .onUnmappableCharacter(CodingErrorAction.IGNORE);
    CharBuffer chars = CharBuffer.allocate(buffer.kept());
    decoder.decode(ByteBuffer.wrap(buffer.array(), 0, buffer.kept()), chars, true);
    chars.flip();
    return chars.toString();
  }

  /** Builds the marker, shortening the preview until its escaping keeps it within the limit. */
  private Payload truncated(long originalSize, String preview) {
    String kept = preview;
    try {
      while (true) {
        Payload marker =
            Payload.ofJson(
                mapper().writeValueAsString(new TruncatedValue(true, originalSize, kept)));
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
          mapper()
              .writeValueAsString(
                  new UnserialisableValue(value.getClass().getName(), String.valueOf(reason))));
    } catch (IOException e) {
      return Payload.ofJson("{\"unserializable\":\"unknown\"}");
    }
  }

  private record TruncatedValue(boolean truncated, long originalSize, String preview) {}

  private record UnserialisableValue(String unserializable, String reason) {}

  /**
   * Jackson, set up on the first capture: a service that never records (mode {@code OFF}) does not
   * load Jackson's ~500 classes and its modules at start-up.
   */
  private static ObjectMapper mapper() {
    return JsonCodec.mapper();
  }
}
