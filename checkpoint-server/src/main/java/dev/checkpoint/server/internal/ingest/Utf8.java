package dev.checkpoint.server.internal.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Checks that a body is well-formed UTF-8. Jackson reads overlong forms as the character they spell
 * and skips over what it does not decode (payloads are kept as bytes, not decoded), so a malformed
 * sequence would be stored replaced; the JDK's decoder refuses overlong forms, encoded surrogates
 * (CESU-8) and stray bytes.
 */
public final class Utf8 {
  private Utf8() {}

  /** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
  public static int firstMalformed(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.min(bytes.length + 1, 2048));
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return -1;
      }
      out.clear();
    }
  }
}
