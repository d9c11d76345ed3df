package dev.checkpoint.core.internal;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Replaces the value of every secret key with a marker while Jackson serialises, so capture is one
 * pass and the secret never reaches the buffer. After a secret field name the marker is written at
 * once; the real value that follows (a scalar, or a whole object or array) is swallowed token by
 * token. Every string value is also searched for secrets inside it (a token in a URL, a card number
 * in a note), and the path of a string changed that way is reported too.
 */
public final class RedactingGenerator extends JsonGeneratorDelegate {

  private static final JsonFactory RAW_PARSER = new JsonFactory();

  private final String marker;
  private Predicate<String> isSecret;
  private UnaryOperator<String> redactText;
  private String rootPath;
  private List<String> redactedPaths;
  private boolean skipNextValue;
  private int skipDepth;

  /**
   * Wraps a generator.
   *
   * @param delegate the generator that receives the redacted output
   * @param isSecret decides which field names hold secrets
   * @param redactText replaces the secrets inside a string value, returning the same instance when
   *     there are none
   * @param marker the replacement value
   * @param rootPath the prefix of reported paths, such as {@code input}
   * @param redactedPaths receives the path of each redacted value
   */
  public RedactingGenerator(
      JsonGenerator delegate,
      Predicate<String> isSecret,
      UnaryOperator<String> redactText,
      String marker,
      String rootPath,
      List<String> redactedPaths) {
    // false: writeObject and writeTree must come back through this class to be redacted.
    super(delegate, false);
    this.marker = marker;
    startValue(isSecret, redactText, rootPath, redactedPaths);
  }

  /**
   * Prepares for the next root value, so that one generator writes value after value into the same
   * output (a capture's buffer kept by its thread) instead of being built again for each. Call only
   * after the previous value was written completely: a write that failed leaves the delegate in the
   * middle of a value, and its generator is dropped instead.
   *
   * @param isSecret decides which field names hold secrets
   * @param redactText replaces the secrets inside a string value, returning the same instance when
   *     there are none
   * @param rootPath the prefix of reported paths, such as {@code input}
   * @param redactedPaths receives the path of each redacted value
   */
  public void startValue(
      Predicate<String> isSecret,
      UnaryOperator<String> redactText,
      String rootPath,
      List<String> redactedPaths) {
    this.isSecret = isSecret;
    this.redactText = redactText;
    this.rootPath = rootPath;
    this.redactedPaths = redactedPaths;
    this.skipNextValue = false;
    this.skipDepth = 0;
  }

  /**
   * Decides whether the next token belongs to a redacted value.
   *
   * @param depthChange +1 for a start token, -1 for an end token, 0 for a scalar
   * @return {@code true} when the token must not be written
   */
  private boolean swallow(int depthChange) {
    if (skipNextValue) {
      skipNextValue = false;
      skipDepth = depthChange > 0 ? 1 : 0;
      return true;
    }
    if (skipDepth > 0) {
      skipDepth += depthChange;
      return true;
    }
    return false;
  }

  private boolean skipping() {
    return skipNextValue || skipDepth > 0;
  }

  @Override
  public void writeFieldName(String name) throws IOException {
    if (skipping()) {
      return;
    }
    delegate.writeFieldName(name);
    if (isSecret.test(name)) {
      redactedPaths.add(path(rootPath, delegate.getOutputContext()));
      delegate.writeString(marker);
      skipNextValue = true;
    }
  }

  @Override
  public void writeFieldName(SerializableString name) throws IOException {
    writeFieldName(name.getValue());
  }

  @Override
  public void writeFieldId(long id) throws IOException {
    writeFieldName(Long.toString(id));
  }

  @Override
  public void writeStartArray() throws IOException {
    if (!swallow(1)) {
      delegate.writeStartArray();
    }
  }

  /** Kept because older serialisers still call it; routed to the current overload. */
  @Override
  @Deprecated
  public void writeStartArray(int size) throws IOException {
    writeStartArray(null, size);
  }

  @Override
  public void writeStartArray(Object forValue) throws IOException {
    if (!swallow(1)) {
      delegate.writeStartArray(forValue);
    }
  }

  @Override
  public void writeStartArray(Object forValue, int size) throws IOException {
    if (!swallow(1)) {
      delegate.writeStartArray(forValue, size);
    }
  }

  @Override
  public void writeEndArray() throws IOException {
    if (!swallow(-1)) {
      delegate.writeEndArray();
    }
  }

  @Override
  public void writeStartObject() throws IOException {
    if (!swallow(1)) {
      delegate.writeStartObject();
    }
  }

  @Override
  public void writeStartObject(Object forValue) throws IOException {
    if (!swallow(1)) {
      delegate.writeStartObject(forValue);
    }
  }

  @Override
  public void writeStartObject(Object forValue, int size) throws IOException {
    if (!swallow(1)) {
      delegate.writeStartObject(forValue, size);
    }
  }

  @Override
  public void writeEndObject() throws IOException {
    if (!swallow(-1)) {
      delegate.writeEndObject();
    }
  }

  @Override
  public void writeArray(int[] array, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeArray(array, offset, length);
    }
  }

  @Override
  public void writeArray(long[] array, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeArray(array, offset, length);
    }
  }

  @Override
  public void writeArray(double[] array, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeArray(array, offset, length);
    }
  }

  @Override
  public void writeArray(String[] array, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeArray(array, offset, length);
    }
  }

  @Override
  public void writeString(String text) throws IOException {
    if (!swallow(0)) {
      delegate.writeString(text == null ? null : redactedText(text));
    }
  }

  private String redactedText(String text) {
    String redacted = redactText.apply(text);
    if (redacted != text) {
      redactedPaths.add(valuePath(rootPath, delegate.getOutputContext()));
    }
    return redacted;
  }

  @Override
  public void writeString(Reader reader, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeString(reader, length);
    }
  }

  @Override
  public void writeString(char[] text, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeString(redactedText(new String(text, offset, length)));
    }
  }

  @Override
  public void writeString(SerializableString text) throws IOException {
    if (!swallow(0)) {
      delegate.writeString(text);
    }
  }

  @Override
  public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeRawUTF8String(text, offset, length);
    }
  }

  @Override
  public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeUTF8String(text, offset, length);
    }
  }

  @Override
  public void writeRaw(String text) throws IOException {
    if (!skipping()) {
      delegate.writeRaw(text);
    }
  }

  @Override
  public void writeRaw(String text, int offset, int length) throws IOException {
    if (!skipping()) {
      delegate.writeRaw(text, offset, length);
    }
  }

  @Override
  public void writeRaw(SerializableString text) throws IOException {
    if (!skipping()) {
      delegate.writeRaw(text);
    }
  }

  @Override
  public void writeRaw(char[] text, int offset, int length) throws IOException {
    if (!skipping()) {
      delegate.writeRaw(text, offset, length);
    }
  }

  @Override
  public void writeRaw(char c) throws IOException {
    if (!skipping()) {
      delegate.writeRaw(c);
    }
  }

  @Override
  public void writeRawValue(String text) throws IOException {
    if (!swallow(0)) {
      copyRedacting(text);
    }
  }

  @Override
  public void writeRawValue(String text, int offset, int length) throws IOException {
    if (!swallow(0)) {
      copyRedacting(text.substring(offset, offset + length));
    }
  }

  @Override
  public void writeRawValue(char[] text, int offset, int length) throws IOException {
    if (!swallow(0)) {
      copyRedacting(new String(text, offset, length));
    }
  }

  /**
   * Raw JSON (a {@code RawValue} or {@code @JsonRawValue} field) could hold secrets too, so it is
   * parsed and written token by token through this generator. Text that is not JSON would make the
   * output invalid anyway, so it is written as it is.
   */
  private void copyRedacting(String json) throws IOException {
    try (JsonParser parser = RAW_PARSER.createParser(json)) {
      if (parser.nextToken() != null) {
        copyCurrentStructure(parser);
        return;
      }
    } catch (JsonProcessingException notJson) {
      // Fall through to writing it unchanged.
    }
    delegate.writeRawValue(json);
  }

  @Override
  public void writeBinary(Base64Variant variant, byte[] data, int offset, int length)
      throws IOException {
    if (!swallow(0)) {
      delegate.writeBinary(variant, data, offset, length);
    }
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data, int length) throws IOException {
    return swallow(0) ? 0 : delegate.writeBinary(variant, data, length);
  }

  @Override
  public void writeNumber(short value) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(value);
    }
  }

  @Override
  public void writeNumber(int value) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(value);
    }
  }

  @Override
  public void writeNumber(long value) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(value);
    }
  }

  @Override
  public void writeNumber(BigInteger value) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(value);
    }
  }

  @Override
  public void writeNumber(double value) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(value);
    }
  }

  @Override
  public void writeNumber(float value) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(value);
    }
  }

  @Override
  public void writeNumber(BigDecimal value) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(value);
    }
  }

  @Override
  public void writeNumber(String encodedValue) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(encodedValue);
    }
  }

  @Override
  public void writeNumber(char[] encodedValue, int offset, int length) throws IOException {
    if (!swallow(0)) {
      delegate.writeNumber(encodedValue, offset, length);
    }
  }

  @Override
  public void writeBoolean(boolean state) throws IOException {
    if (!swallow(0)) {
      delegate.writeBoolean(state);
    }
  }

  @Override
  public void writeNull() throws IOException {
    if (!swallow(0)) {
      delegate.writeNull();
    }
  }

  @Override
  public void writeOmittedField(String fieldName) throws IOException {
    if (!skipping()) {
      delegate.writeOmittedField(fieldName);
    }
  }

  @Override
  public void writeObjectId(Object id) throws IOException {
    if (!swallow(0)) {
      delegate.writeObjectId(id);
    }
  }

  @Override
  public void writeObjectRef(Object reference) throws IOException {
    if (!swallow(0)) {
      delegate.writeObjectRef(reference);
    }
  }

  @Override
  public void writeTypeId(Object id) throws IOException {
    if (!skipping()) {
      delegate.writeTypeId(id);
    }
  }

  @Override
  public void writeEmbeddedObject(Object object) throws IOException {
    if (!swallow(0)) {
      delegate.writeEmbeddedObject(object);
    }
  }

  /**
   * The path of the value about to be written: in an array, the next index.
   *
   * @param rootPath the prefix
   * @param context the output context before the value is written
   * @return the path
   */
  static String valuePath(String rootPath, JsonStreamContext context) {
    String parent = path(rootPath, context.inArray() ? context.getParent() : context);
    return context.inArray() ? parent + "[" + context.getEntryCount() + "]" : parent;
  }

  /**
   * Formats a position as a dotted path: {@code input.items[2].password}.
   *
   * @param rootPath the prefix
   * @param context the output context at a field name
   * @return the path
   */
  static String path(String rootPath, JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        path.insert(0, c.getCurrentName()).insert(0, '.');
      } else if (c.inArray()) {
        path.insert(0, "[" + c.getCurrentIndex() + "]");
      }
    }
    return path.insert(0, rootPath).toString();
  }
}
