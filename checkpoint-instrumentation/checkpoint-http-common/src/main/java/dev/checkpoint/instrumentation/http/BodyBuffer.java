package dev.checkpoint.instrumentation.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The start of a body as it streams past: keeps the first {@code limit} bytes and counts the rest.
 * The application's stream is never read by this class; instrumentation copies into it what the
 * application reads or writes. Thread-safe, because a body may be written on one I/O thread and
 * recorded on another.
 */
public final class BodyBuffer {

  private final int limit;
  private byte[] bytes = new byte[0];
  private int kept;
  private long total;

  /**
   * Creates an empty buffer.
   *
   * @param limit how many bytes to keep at most
   */
  public BodyBuffer(int limit) {
    this.limit = limit;
  }

  /**
   * Copies one byte.
   *
   * @param b the byte, in the low eight bits
   */
  public synchronized void write(int b) {
    total++;
    if (kept < limit) {
      ensureRoom(1);
      bytes[kept++] = (byte) b;
    }
  }

  /**
   * Copies bytes.
   *
   * @param source the array
   * @param offset where the bytes start
   * @param length how many
   */
  public synchronized void write(byte[] source, int offset, int length) {
    if (length <= 0) {
      return;
    }
    total += length;
    int keep = Math.min(length, limit - kept);
    if (keep > 0) {
      ensureRoom(keep);
      System.arraycopy(source, offset, bytes, kept, keep);
      kept += keep;
    }
  }

  /**
   * Copies the remaining bytes of a buffer without moving its position.
   *
   * @param source the buffer
   */
  public synchronized void write(ByteBuffer source) {
    int length = source.remaining();
    if (length == 0) {
      return;
    }
    total += length;
    int keep = Math.min(length, limit - kept);
    if (keep > 0) {
      ensureRoom(keep);
      source.duplicate().get(bytes, kept, keep);
      kept += keep;
    }
  }

  /**
   * How many bytes are kept at most.
   *
   * @return the limit
   */
  public int limit() {
    return limit;
  }

  /**
   * How many more bytes would be kept, so callers can skip copying what would be dropped.
   *
   * @return free room in bytes
   */
  public synchronized int room() {
    return limit - kept;
  }

  /**
   * Counts bytes that passed without being offered to {@link #write}, because they were beyond the
   * limit anyway.
   *
   * @param length how many
   */
  public synchronized void skip(long length) {
    total += Math.max(0, length);
  }

  /** Forgets everything, for a body that is sent again (a retry or a redirect). */
  public synchronized void reset() {
    kept = 0;
    total = 0;
  }

  /**
   * The kept bytes.
   *
   * @return a copy of the first bytes of the body
   */
  public synchronized byte[] kept() {
    return Arrays.copyOf(bytes, kept);
  }

  /**
   * How many bytes passed, kept or not.
   *
   * @return the body's size so far
   */
  public synchronized long total() {
    return total;
  }

  private void ensureRoom(int more) {
    int needed = kept + more;
    if (needed > bytes.length) {
      // Grow geometrically but never past the limit: most bodies are small.
      bytes =
          Arrays.copyOf(bytes, Math.min(limit, Math.max(needed, Math.max(256, bytes.length * 2))));
    }
  }
}
