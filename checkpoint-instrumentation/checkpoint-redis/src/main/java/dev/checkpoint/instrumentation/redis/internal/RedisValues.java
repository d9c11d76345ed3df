package dev.checkpoint.instrumentation.redis.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Redis arguments and replies as JSON values: bytes that are UTF-8 text as a string, other bytes as
 * {@code {"base64": "..."}}, numbers and booleans as they are, arrays and maps as JSON arrays and
 * objects cut to the row limit.
 */
final class RedisValues {

  private RedisValues() {}

  /** A value the client adapter could not convert itself: its text. */
  static final Function<Object, Object> AS_TEXT = String::valueOf;

  /**
   * A Redis key. Written as it is, not searched for secrets as other texts are: a key is a name
   * such as {@code session:42} or {@code token:abc}, which the text rules would read as a secret
   * {@code key:value} pair. Whether its value is a secret is decided from the key instead (see
   * {@link RedisRecording}).
   */
  record Key(String name) implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator generator, SerializerProvider serializers)
        throws IOException {
      generator.writeString(new SerializedString(name));
    }

    @Override
    public void serializeWithType(
        JsonGenerator generator, SerializerProvider serializers, TypeSerializer typeSer)
        throws IOException {
      serialize(generator, serializers);
    }
  }

  /**
   * A map reply as a map: RESP2 sends it as a flat array of keys and values (Jedis hands that on),
   * RESP3 and Lettuce as a map already, so that both clients record the same reply.
   */
  static Object pairs(Object reply) {
    if (reply instanceof List<?> flat && flat.size() % 2 == 0) {
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < flat.size(); i += 2) {
        map.put(scalarOrText(flat.get(i)), flat.get(i + 1));
      }
      return map;
    }
    return reply;
  }

  /** The text of an argument or key, {@code null} when its bytes are not UTF-8. */
  static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return utf8(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return utf8(bytes);
    }
    return value == null ? null : value.toString();
  }

  /** An argument or scalar reply as a JSON value. */
  static Object scalar(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof byte[] bytes) {
      String text = utf8(bytes);
      return text != null ? text : Map.of("base64", Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return scalar(bytes);
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return value.toString();
    }
    return null;
  }

  /**
   * A reply as a JSON value.
   *
   * @param reply the client's reply
   * @param maxRows the most elements kept of an array, set or map
   * @param other converts a value of a client's own type, such as Lettuce's {@code KeyValue}
   * @param truncated set to {@code true} when an array, set or map was cut
   * @return the JSON value
   */
  static Object reply(
      Object reply, int maxRows, Function<Object, Object> other, boolean[] truncated) {
    Object scalar = scalar(reply);
    if (scalar != null || reply == null) {
      return scalar;
    }
    if (reply instanceof Map<?, ?> map) {
      Map<String, Object> converted = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (converted.size() == maxRows) {
          truncated[0] = true;
          break;
        }
        converted.put(
            String.valueOf(scalarOrText(entry.getKey())),
            reply(entry.getValue(), maxRows, other, truncated));
      }
      return converted;
    }
    if (reply instanceof Iterable<?> iterable) {
      List<Object> converted =
          new ArrayList<>(reply instanceof Collection<?> c ? Math.min(c.size(), maxRows) : 16);
      for (Object element : iterable) {
        if (converted.size() == maxRows) {
          truncated[0] = true;
          break;
        }
        converted.add(reply(element, maxRows, other, truncated));
      }
      return converted;
    }
    if (reply instanceof Object[] array) {
      return reply(java.util.Arrays.asList(array), maxRows, other, truncated);
    }
    if (reply instanceof Throwable error) {
      // An error inside an array reply, such as one command's failure in EXEC's results.
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("error", error.getMessage());
      return failed;
    }
    Object converted = other.apply(reply);
    return converted == reply ? String.valueOf(reply) : reply(converted, maxRows, other, truncated);
  }

  private static Object scalarOrText(Object value) {
    Object scalar = scalar(value);
    return scalar != null ? scalar : String.valueOf(value);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
