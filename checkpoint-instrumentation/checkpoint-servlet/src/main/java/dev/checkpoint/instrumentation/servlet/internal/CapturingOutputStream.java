package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/** Copies what the application writes to the response body, after the container accepted it. */
final class CapturingOutputStream extends ServletOutputStream {

  private final ServletOutputStream delegate;
  private final BodyBuffer body;

  CapturingOutputStream(ServletOutputStream delegate, BodyBuffer body) {
    this.delegate = delegate;
    this.body = body;
  }

  @Override
  public void write(int b) throws IOException {
    delegate.write(b);
    body.write(b);
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    delegate.write(buffer, offset, length);
    body.write(buffer, offset, length);
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public boolean isReady() {
    return delegate.isReady();
  }

  @Override
  public void setWriteListener(WriteListener listener) {
    delegate.setWriteListener(listener);
  }
}
