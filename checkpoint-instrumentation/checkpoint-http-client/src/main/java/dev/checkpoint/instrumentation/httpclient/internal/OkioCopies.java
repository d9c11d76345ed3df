package dev.checkpoint.instrumentation.httpclient.internal;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import okio.Buffer;

/** Copies bytes passing through okio into a body buffer, only as many as it keeps. */
final class OkioCopies {

  private OkioCopies() {}

  /**
   * Copies {@code byteCount} bytes of {@code source} starting at {@code offset}, without consuming
   * them.
   */
  static void copy(Buffer source, long offset, long byteCount, BodyBuffer body) {
    long keep = Math.min(byteCount, body.room());
    if (keep > 0) {
      Buffer kept = new Buffer();
      source.copyTo(kept, offset, keep);
      byte[] bytes = kept.readByteArray();
      body.write(bytes, 0, bytes.length);
    }
    body.skip(byteCount - Math.max(0, keep));
  }
}
