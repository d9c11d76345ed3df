package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * Copies what the application writes through the container's writer, encoded in the response's
 * charset, so the container keeps encoding exactly as it would without Checkpoint.
 */
final class CapturingWriter extends Writer {

  private final PrintWriter delegate;
  private final BodyBuffer body;
  private final Charset charset;

  /**
   * Encodes each write through one encoder and one small chunk, made at the first write: a template
   * engine writes a page in many small pieces, and a String and a byte array for each were most of
   * what the capture allocated.
   */
  private CharsetEncoder encoder;

  private ByteBuffer chunk;

  CapturingWriter(PrintWriter delegate, BodyBuffer body, Charset charset) {
    this.delegate = delegate;
    this.body = body;
    this.charset = charset;
  }

  /** A print writer over this writer that also reports the container writer's errors. */
  PrintWriter printWriter() {
    return new PrintWriter(this) {
      @Override
      public boolean checkError() {
        return super.checkError() || delegate.checkError();
      }
    };
  }

  @Override
  public void write(char[] buffer, int offset, int length) {
    delegate.write(buffer, offset, length);
    capture(CharBuffer.wrap(buffer, offset, length));
  }

  @Override
  public void write(String text, int offset, int length) {
    delegate.write(text, offset, length);
    capture(CharBuffer.wrap(text, offset, offset + length));
  }

  /** Encodes as {@link String#getBytes(Charset)} does: what cannot be encoded is replaced. */
  private void capture(CharBuffer chars) {
    if (encoder == null) {
      encoder =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE);
      chunk = ByteBuffer.allocate(256);
    }
    encoder.reset();
    while (encoder.encode(chars, chunk, true).isOverflow()) {
      drain();
    }
    while (encoder.flush(chunk).isOverflow()) {
      drain();
    }
    drain();
  }

  private void drain() {
    body.write(chunk.array(), 0, chunk.position());
    chunk.clear();
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
