package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * Copies what the application writes through the container's writer, encoded in the response's
 * charset, so the container keeps encoding exactly as it would without Checkpoint.
 */
final class CapturingWriter extends Writer {

  private final PrintWriter delegate;
  private final BodyBuffer body;
  private final Charset charset;

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
    byte[] bytes = new String(buffer, offset, length).getBytes(charset);
    body.write(bytes, 0, bytes.length);
  }

  @Override
  public void write(String text, int offset, int length) {
    delegate.write(text, offset, length);
    byte[] bytes = text.substring(offset, offset + length).getBytes(charset);
    body.write(bytes, 0, bytes.length);
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
