package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;

/** Copies an OkHttp request body as it is written to the network. */
final class CapturingRequestBody extends RequestBody {

  private final RequestBody delegate;
  private final BodyBuffer body;

  CapturingRequestBody(RequestBody delegate, BodyBuffer body) {
    this.delegate = delegate;
    this.body = body;
  }

  @Override
  public MediaType contentType() {
    return delegate.contentType();
  }

  @Override
  public long contentLength() throws IOException {
    return delegate.contentLength();
  }

  @Override
  public boolean isOneShot() {
    return delegate.isOneShot();
  }

  @Override
  public boolean isDuplex() {
    return delegate.isDuplex();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    // OkHttp writes the body again when it retries; record the last attempt.
    body.reset();
    BufferedSink capturing =
        Okio.buffer(
            new ForwardingSink(sink) {
              @Override
              public void write(Buffer source, long byteCount) throws IOException {
                OkioCopies.copy(source, 0, byteCount, body);
                super.write(source, byteCount);
              }
            });
    delegate.writeTo(capturing);
    capturing.emit();
  }
}
