package dev.checkpoint.core.instrumentation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;

/**
 * A JSON body kept as the bytes it came in, written into the payload capture token by token when
 * captured. Parsing it into a tree only for the capture to write that tree out again was, with its
 * nodes and maps, the largest part of what recording a JSON request or message allocated.
 *
 * <p>Written through the capture's generator, so secret keys and secrets inside strings are
 * redacted as in any other value. Numbers come out as a tree parsed with big decimals for floats
 * would write them ({@code 10.50} stays {@code 10.50}, {@code 1e400} becomes {@code 1E+400}); the
 * one difference from such a tree is that a key given twice in an object is written twice, as sent,
 * where a tree keeps only its last value.
 *
 * <p>The bytes are not copied: the instrumentation that makes one captures it before the
 * application may reuse its array.
 */
public final class JsonBody implements JsonSerializable {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final byte[] bytes;

  private JsonBody(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The body as JSON when it starts with a complete JSON value. As when a tree is read, what
   * follows that first value is not looked at, and it is all that is recorded.
   *
   * @param bytes the body, in UTF-8, UTF-16 or UTF-32
   * @return the body, or {@code null} when it holds no JSON value or one that does not parse
   */
  public static JsonBody of(byte[] bytes) {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      if (parser.nextToken() == null) {
        return null;
      }
      // Reads every token of the value, so a value cut short or malformed is found, without
      // building anything from them; the last token (a root string) is decoded too.
      parser.skipChildren();
      parser.finishToken();
      return new JsonBody(bytes);
    } catch (IOException notJson) {
      return null;
    }
  }

  @Override
  public void serialize(JsonGenerator generator, SerializerProvider serializers)
      throws IOException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      int depth = 0;
      JsonToken token = parser.nextToken();
      do {
        // Exact: a float is read as the big decimal its text is, not rounded to a double.
        generator.copyCurrentEventExact(parser);
        if (token.isStructStart()) {
          depth++;
        } else if (token.isStructEnd()) {
          depth--;
        }
      } while (depth > 0 && (token = parser.nextToken()) != null);
    }
  }

  /** Written as it is: a body has no Java type to name. */
  @Override
  public void serializeWithType(
      JsonGenerator generator, SerializerProvider serializers, TypeSerializer typeSer)
      throws IOException {
    serialize(generator, serializers);
  }
}
