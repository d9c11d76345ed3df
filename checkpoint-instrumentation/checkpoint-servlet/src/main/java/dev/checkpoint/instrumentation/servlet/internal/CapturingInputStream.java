package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/** Copies what the application reads from the request body; the application sees every byte. */
final class CapturingInputStream extends ServletInputStream {

  private final ServletInputStream delegate;
  private final BodyBuffer body;

  CapturingInputStream(ServletInputStream delegate, BodyBuffer body) {
    this.delegate = delegate;
    this.body = body;
  }

  @Override
  public int read() throws IOException {
    int b = delegate.read();
    if (b >= 0) {
      body.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = delegate.read(buffer, offset, length);
    if (n > 0) {
      body.write(buffer, offset, n);
    }
    return n;
  }

  @Override
  public int available() throws IOException {
    return delegate.available();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public boolean isFinished() {
    return delegate.isFinished();
  }

  @Override
  public boolean isReady() {
    return delegate.isReady();
  }

  @Override
  public void setReadListener(ReadListener listener) {
    delegate.setReadListener(listener);
  }
}
