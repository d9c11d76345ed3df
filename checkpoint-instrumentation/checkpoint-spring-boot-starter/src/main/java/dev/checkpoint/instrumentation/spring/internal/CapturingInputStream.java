package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.instrumentation.http.internal.BodyBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Copies into a {@link BodyBuffer} what the application reads, reports the end of the stream and
 * read failures. Skipping reads through this stream too (the inherited {@link InputStream#skip}),
 * so the copy has no holes.
 */
final class CapturingInputStream extends InputStream {

  private final InputStream delegate;
  private final BodyBuffer body;
  private final Runnable onEnd;
  private final Consumer<IOException> onError;

  CapturingInputStream(
      InputStream delegate, BodyBuffer body, Runnable onEnd, Consumer<IOException> onError) {
    this.delegate = delegate;
    this.body = body;
    this.onEnd = onEnd;
    this.onError = onError;
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = delegate.read();
    } catch (IOException e) {
      onError.accept(e);
      throw e;
    }
    if (b < 0) {
      onEnd.run();
    } else {
      body.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read;
    try {
      read = delegate.read(buffer, offset, length);
    } catch (IOException e) {
      onError.accept(e);
      throw e;
    }
    if (read < 0) {
      onEnd.run();
    } else {
      body.write(buffer, offset, read);
    }
    return read;
  }

  @Override
  public int available() throws IOException {
    return delegate.available();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
