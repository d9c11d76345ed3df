package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.CapturingInputStream;
import dev.checkpoint.instrumentation.http.HttpExchange;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * An Apache entity whose content is copied as it is written (a request) or read (a response). The
 * end of the content, or closing the entity, runs {@code onEnd}.
 */
final class CapturingEntity extends HttpEntityWrapper {

  private final BodyBuffer body;
  private final Runnable onEnd;
  private final Consumer<IOException> onError;

  private CapturingEntity(
      HttpEntity entity, BodyBuffer body, Runnable onEnd, Consumer<IOException> onError) {
    super(entity);
    this.body = body;
    this.onEnd = onEnd;
    this.onError = onError;
  }

  /** A request body: copied as the client writes it; the call goes on after it is written. */
  static CapturingEntity request(HttpEntity entity, BodyBuffer body) {
    return new CapturingEntity(entity, body, () -> {}, error -> {});
  }

  /** A response body: copied as the application reads it; its end ends the exchange. */
  static CapturingEntity response(HttpEntity entity, BodyBuffer body, HttpExchange exchange) {
    return new CapturingEntity(
        entity, body, exchange::end, error -> ClientCalls.failed(exchange, error));
  }

  @Override
  public InputStream getContent() throws IOException {
    InputStream content = super.getContent();
    return content == null ? null : new CapturingInputStream(content, body, onEnd, onError);
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    // A redirect or retry writes a request body again; record the last sending.
    body.reset();
    try {
      super.writeTo(
          new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
              out.write(b);
              body.write(b);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
              out.write(buffer, offset, length);
              body.write(buffer, offset, length);
            }
          });
    } catch (IOException e) {
      onError.accept(e);
      throw e;
    }
    onEnd.run();
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
