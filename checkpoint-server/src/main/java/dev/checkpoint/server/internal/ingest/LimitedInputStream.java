package dev.checkpoint.server.internal.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link BodyTooLargeException} as soon as more than a limit has been read. */
final class LimitedInputStream extends FilterInputStream {
  private final long limit;
  private final String what;
  private final String setting;
  private long count;

  /**
   * @param what names the stream in the error, e.g. "The request body"
   * @param setting the configuration key of the limit, named in the error as the remedy
   */
  LimitedInputStream(InputStream in, long limit, String what, String setting) {
    super(in);
    this.limit = limit;
    this.what = what;
    this.setting = setting;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) throws BodyTooLargeException {
    count += n;
    if (count > limit) {
      throw new BodyTooLargeException(
          what
              + " exceeds the limit of "
              + limit
              + " bytes. Send smaller batches or raise "
              + setting
              + ".");
    }
  }
}
