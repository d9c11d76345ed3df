package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import dev.checkpoint.instrumentation.http.HttpExchange;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Copies an OkHttp response body as the application reads it, and ends the exchange when the body
 * is exhausted or closed.
 */
final class CapturingResponseBody extends ResponseBody {

  private final ResponseBody delegate;
  private final BodyBuffer body;
  private final HttpExchange exchange;
  private BufferedSource source;

  CapturingResponseBody(ResponseBody delegate, BodyBuffer body, HttpExchange exchange) {
    this.delegate = delegate;
    this.body = body;
    this.exchange = exchange;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() {
    return delegate.contentLength();
  }

  @Override
  public synchronized BufferedSource source() {
    if (source == null) {
      source =
          Okio.buffer(
              new ForwardingSource(delegate.source()) {
                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                  long read;
                  try {
                    read = super.read(sink, byteCount);
                  } catch (IOException e) {
                    ClientCalls.failed(exchange, e);
                    throw e;
                  }
                  if (read < 0) {
                    exchange.end();
                  } else {
                    OkioCopies.copy(sink, sink.size() - read, read, body);
                  }
                  return read;
                }

                @Override
                public void close() throws IOException {
                  try {
                    super.close();
                  } finally {
                    exchange.end();
                  }
                }
              });
    }
    return source;
  }
}
