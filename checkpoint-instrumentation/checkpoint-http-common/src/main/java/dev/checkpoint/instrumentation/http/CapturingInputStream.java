package dev.checkpoint.instrumentation.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Copies what the application reads from a client's response body; the end of the body (or closing
 * the stream) runs {@code onEnd}, and a read failure is reported to {@code onError}. Skipped bytes
 * are read through this stream, so the copy has no holes. Shared by the HTTP client and Spring
 * client instrumentation.
 */
public final class CapturingInputStream extends FilterInputStream {

  private final BodyBuffer body;
  private final Runnable onEnd;
  private final Consumer<IOException> onError;

  /**
   * Wraps a body stream.
   *
   * @param in the body as the client returns it
   * @param body where the bytes read are copied
   * @param onEnd runs at the end of the body or on close, possibly more than once
   * @param onError receives a read failure, which is then rethrown
   */
  public CapturingInputStream(
      InputStream in, BodyBuffer body, Runnable onEnd, Consumer<IOException> onError) {
    super(in);
    this.body = body;
    this.onEnd = onEnd;
    this.onError = onError;
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = super.read();
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
    int n;
    try {
      n = super.read(buffer, offset, length);
    } catch (IOException e) {
      onError.accept(e);
      throw e;
    }
    if (n < 0) {
      onEnd.run();
    } else {
      body.write(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes are read through this stream so they are recorded too.
    byte[] scratch = new byte[(int) Math.min(8192, Math.max(0, n))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      onEnd.run();
    }
  }
}
