package dev.checkpoint.server.internal.ingest;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses a gzip body (RFC 1952) held in memory, every byte of it accounted for: members one
 * after another, each with a checked header, CRC-32 and length, and nothing after the last. The
 * JDK's GZIPInputStream stops quietly at bytes that do not start another member, so a body with
 * trailing garbage would be taken for a whole one.
 */
final class GzipBody {
  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xE0;

  private final byte[] body;
  private final long limit;
  private int position;

  private GzipBody(byte[] body, long limit) {
    this.body = body;
    this.limit = limit;
  }

  /**
   * The decompressed body.
   *
   * @param limit the most bytes it may decompress to (limits.max-decompressed-bytes)
   * @throws BodyTooLargeException if it decompresses to more
   * @throws InvalidBatchException with {@code invalid_gzip} and the reason if it is not gzip
   */
  static byte[] inflate(byte[] body, long limit)
      throws BodyTooLargeException, InvalidBatchException {
    return new GzipBody(body, limit).members();
  }

  private byte[] members() throws BodyTooLargeException, InvalidBatchException {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(limit, Math.min(body.length * 4L, 1 << 20)));
    byte[] chunk = new byte[8192];
    Inflater inflater = new Inflater(true);
    try {
      do {
        skipHeader();
        inflater.reset();
        inflater.setInput(body, position, body.length - position);
        CRC32 crc = new CRC32();
        long size = 0;
        while (!inflater.finished()) {
          int n = inflater.inflate(chunk);
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw invalid("it ends inside compressed data");
          }
          crc.update(chunk, 0, n);
          size += n;
          if (out.size() + (long) n > limit) {
            throw new BodyTooLargeException(
                "The decompressed body exceeds the limit of "
                    + limit
                    + " bytes. Send smaller batches or raise limits.max-decompressed-bytes.");
          }
          out.write(chunk, 0, n);
        }
        position = body.length - inflater.getRemaining();
        checkTrailer(crc.getValue(), size);
      } while (position < body.length);
    } catch (DataFormatException e) {
      throw invalid("the compressed data is corrupt: " + e.getMessage());
    } finally {
      inflater.end();
    }
    return out.toByteArray();
  }

  private void skipHeader() throws InvalidBatchException {
    int start = position;
    if (body.length - position < 2
        || (body[position] & 0xFF) != 0x1F
        || (body[position + 1] & 0xFF) != 0x8B) {
      throw invalid(
          start == 0
              ? "it does not start with the gzip magic bytes 1f 8b"
              : "bytes follow the last member at offset " + start);
    }
    need(10, "it ends inside a member's header");
    if (body[position + 2] != 8) {
      throw invalid("compression method " + body[position + 2] + " is not deflate (8)");
    }
    int flags = body[position + 3] & 0xFF;
    if ((flags & RESERVED) != 0) {
      throw invalid("reserved header flags are set");
    }
    position += 10;
    if ((flags & FEXTRA) != 0) {
      need(2, "it ends inside a member's header");
      int length = (body[position] & 0xFF) | (body[position + 1] & 0xFF) << 8;
      position += 2;
      need(length, "it ends inside a member's header");
      position += length;
    }
    if ((flags & FNAME) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FCOMMENT) != 0) {
      skipZeroTerminated();
    }
    if ((flags & FHCRC) != 0) {
      need(2, "it ends inside a member's header");
      position += 2;
    }
  }

  private void skipZeroTerminated() throws InvalidBatchException {
    while (position < body.length && body[position] != 0) {
      position++;
    }
    need(1, "it ends inside a member's header");
    position++;
  }

  private void checkTrailer(long crc, long size) throws InvalidBatchException {
    need(8, "it ends before a member's CRC-32 and length");
    if (littleEndian(position) != crc) {
      throw invalid("a member's CRC-32 does not match its data");
    }
    if (littleEndian(position + 4) != (size & 0xFFFF_FFFFL)) {
      throw invalid("a member's length does not match its data");
    }
    position += 8;
  }

  private long littleEndian(int at) {
    return (body[at] & 0xFFL)
        | (body[at + 1] & 0xFFL) << 8
        | (body[at + 2] & 0xFFL) << 16
        | (body[at + 3] & 0xFFL) << 24;
  }

  private void need(int bytes, String reason) throws InvalidBatchException {
    if (body.length - position < bytes) {
      throw invalid(reason);
    }
  }

  private static InvalidBatchException invalid(String reason) {
    return new InvalidBatchException(
        "invalid_gzip",
        "The body is not valid gzip ("
            + reason
            + "). Compress it whole, or drop the Content-Encoding header.",
        null);
  }
}
