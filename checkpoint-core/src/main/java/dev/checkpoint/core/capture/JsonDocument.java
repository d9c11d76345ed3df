package dev.checkpoint.core.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JSON document (an HTTP body) kept as the bytes it arrived in and copied into the capture token
 * by token when it is captured, so that the capture's redaction sees every key and string of it as
 * it would those of a parsed tree, without the tree being built and written again.
 *
 * <p>What is written is what Jackson's tree of the document ({@code readTree} with decimals as
 * {@code BigDecimal}, trailing zeros kept) would write: the first value of the bytes, integers as
 * they parse, decimals as {@code BigDecimal}. {@link #of} answers only for bytes whose copy is that
 * write: one complete value, no key twice in an object (the tree keeps the last of them, a copy
 * would write both), at most {@value #MAX_KEYS_CHECKED} keys in an object; for other bytes it
 * answers {@code null} and the caller reads the tree as before.
 */
public final class JsonDocument implements JsonSerializable {

  private static final JsonFactory FACTORY = new JsonFactory();

  /** Keys of one object compared with each other for duplicates; more go to the tree instead. */
  private static final int MAX_KEYS_CHECKED = 64;

  private final byte[] bytes;

  private JsonDocument(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The document in {@code bytes}, if it can be copied as it is.
   *
   * @param bytes the document's bytes (UTF-8, -16 or -32, as Jackson detects them); kept, not
   *     copied
   * @return the document, or {@code null} when the bytes are not one complete JSON value, or its
   *     tree would differ from a copy of it
   */
  public static JsonDocument of(byte[] bytes) {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      // The keys of the objects being read, each object's from its start in objectStarts.
      List<String> keys = new ArrayList<>();
      int[] objectStarts = new int[8];
      int depth = 0;
      while (true) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            if (depth == objectStarts.length) {
              objectStarts = Arrays.copyOf(objectStarts, depth * 2);
            }
            objectStarts[depth++] = token == JsonToken.START_OBJECT ? keys.size() : -1;
          }
          case END_OBJECT, END_ARRAY -> {
            int start = objectStarts[--depth];
            while (start >= 0 && keys.size() > start) {
              keys.remove(keys.size() - 1);
            }
          }
          case FIELD_NAME -> {
            String key = parser.currentName();
            int start = objectStarts[depth - 1];
            if (keys.size() - start >= MAX_KEYS_CHECKED) {
              return null;
            }
            for (int i = start; i < keys.size(); i++) {
              if (keys.get(i).equals(key)) {
                return null;
              }
            }
            keys.add(key);
          }
          // Read each value as the copy and the tree will, so that one that fails to (a malformed
          // string, a decimal out of BigDecimal's range) fails here.
          case VALUE_STRING -> parser.getTextLength();
          case VALUE_NUMBER_INT -> parser.getNumberType();
          case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
          default -> {}
        }
        if (depth == 0) {
          return new JsonDocument(bytes);
        }
        token = parser.nextToken();
        if (token == null) {
          return null;
        }
      }
    } catch (IOException | NumberFormatException notCopyable) {
      return null;
    }
  }

  /**
   * Copies the document into {@code generator}, event by event through its write methods (so a
   * redacting generator redacts it).
   */
  @Override
  public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      int depth = 0;
      do {
        JsonToken token = parser.nextToken();
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
          generator.writeNumber(parser.getDecimalValue());
        } else {
          generator.copyCurrentEvent(parser);
        }
      } while (depth > 0);
    }
  }

  @Override
  public void serializeWithType(
      JsonGenerator generator, SerializerProvider provider, TypeSerializer typeSerializer)
      throws IOException {
    serialize(generator, provider);
  }
}
