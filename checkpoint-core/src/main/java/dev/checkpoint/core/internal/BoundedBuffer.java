package dev.checkpoint.core.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Keeps the first {@code limit} bytes written and only counts the rest, so serialising a huge
 * object costs CPU but never more memory than the limit.
 */
public final class BoundedBuffer extends OutputStream {

  private final int limit;
  private byte[] buffer;
  private int kept;
  private long total;

  /**
   * Creates the buffer.
   *
   * @param limit bytes to keep
   */
  public BoundedBuffer(int limit) {
    this.limit = limit;
    // Most payloads are small; larger ones grow by doubling up to the limit.
    this.buffer = new byte[Math.min(limit, 512)];
  }

  @Override
  public void write(int b) {
    if (kept < limit) {
      ensureCapacity(kept + 1);
      buffer[kept++] = (byte) b;
    }
    total++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    int room = Math.min(length, limit - kept);
    if (room > 0) {
      ensureCapacity(kept + room);
      System.arraycopy(bytes, offset, buffer, kept, room);
      kept += room;
    }
    total += length;
  }

  private void ensureCapacity(int needed) {
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(needed, buffer.length * 2)));
    }
  }

  /** Empties the buffer for another value, keeping the array it has grown to. */
  public void reset() {
    kept = 0;
    total = 0;
  }

  /**
   * How many bytes the buffer keeps.
   *
   * @return the limit it was created with
   */
  public int limit() {
    return limit;
  }

  /**
   * How many bytes the buffer holds without growing.
   *
   * @return the array's length
   */
  public int capacity() {
    return buffer.length;
  }

  /**
   * Whether more was written than kept.
   *
   * @return {@code true} when the limit was exceeded
   */
  public boolean overflowed() {
    return total > limit;
  }

  /**
   * Bytes written in all, kept or not.
   *
   * @return the total count
   */
  public long total() {
    return total;
  }

  /**
   * The buffer holding the kept bytes; valid up to {@link #kept()}.
   *
   * @return the internal array, not a copy
   */
  public byte[] array() {
    return buffer;
  }

  /**
   * How many bytes were kept.
   *
   * @return the count
   */
  public int kept() {
    return kept;
  }
}
