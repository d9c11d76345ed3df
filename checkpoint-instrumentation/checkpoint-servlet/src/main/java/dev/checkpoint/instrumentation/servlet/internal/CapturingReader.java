package dev.checkpoint.instrumentation.servlet.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * Copies what the application reads through the container's reader, encoded back to bytes in the
 * request's charset, so the container keeps decoding exactly as it would without Checkpoint.
 */
final class CapturingReader extends Reader {

  private final Reader delegate;
  private final BodyBuffer body;
  private final Charset charset;

  CapturingReader(Reader delegate, BodyBuffer body, Charset charset) {
    this.delegate = delegate;
    this.body = body;
    this.charset = charset;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int n = delegate.read(buffer, offset, length);
    if (n > 0) {
      byte[] bytes = new String(buffer, offset, n).getBytes(charset);
      body.write(bytes, 0, bytes.length);
    }
    return n;
  }

  @Override
  public boolean ready() throws IOException {
    return delegate.ready();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
