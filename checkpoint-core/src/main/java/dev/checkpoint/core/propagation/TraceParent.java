package dev.checkpoint.core.propagation;

import dev.checkpoint.CheckpointId;
import dev.checkpoint.TraceId;
import java.util.Optional;

/**
 * The W3C {@code traceparent} header: {@code 00-<trace id>-<parent id>-<flags>}.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param parentId 16 lowercase hex digits, not all zero
 * @param flags the trace flags byte
 */
public record TraceParent(String traceId, String parentId, int flags) {

  /** The header name. */
  public static final String HEADER = "traceparent";

  private static final int SAMPLED = 0x01;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int VERSION_00_LENGTH = 55;

  /**
   * A sampled trace parent, as Checkpoint writes on outbound calls.
   *
   * @param traceId the tree id
   * @param parentId the calling checkpoint's id
   * @return the header value holder
   */
  public static TraceParent sampled(String traceId, String parentId) {
    return new TraceParent(traceId, parentId, SAMPLED);
  }

  /**
   * Parses a header value following the W3C Trace Context rules. Any malformed value is ignored,
   * never thrown: version {@code ff}, wrong lengths, uppercase or non-hex digits, all-zero ids, and
   * version {@code 00} values with trailing data are rejected; future versions are read by their
   * first four fields.
   *
   * @param header the header value, may be {@code null}
   * @return the parsed value, or empty when the header is absent or invalid
   */
  public static Optional<TraceParent> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.strip();
    if (value.length() < VERSION_00_LENGTH
        || value.charAt(2) != '-'
        || value.charAt(35) != '-'
        || value.charAt(52) != '-') {
      return Optional.empty();
    }
    String version = value.substring(0, 2);
    if (!isLowerHexByte(version) || version.equals("ff")) {
      return Optional.empty();
    }
    if (version.equals("00") && value.length() != VERSION_00_LENGTH) {
      return Optional.empty();
    }
    if (value.length() > VERSION_00_LENGTH && value.charAt(VERSION_00_LENGTH) != '-') {
      return Optional.empty();
    }
    String traceId = value.substring(3, 35);
    String parentId = value.substring(36, 52);
    String flags = value.substring(53, 55);
    if (!TraceId.isValid(traceId) || !CheckpointId.isValid(parentId)) {
      return Optional.empty();
    }
    if (!isLowerHexByte(flags)) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(traceId, parentId, Integer.parseInt(flags, 16)));
  }

  /**
   * Formats the header value in version {@code 00}.
   *
   * @return the header value
   */
  public String format() {
    // Written by hand: String.format parsed its pattern and built a Formatter on each outbound
    // call. The ids' lengths are taken as they are: other ids are written unchanged.
    int parentAt = 3 + traceId.length() + 1;
    int flagsAt = parentAt + parentId.length() + 1;
    char[] value = new char[flagsAt + 2];
    value[0] = '0';
    value[1] = '0';
    value[2] = '-';
    traceId.getChars(0, traceId.length(), value, 3);
    value[parentAt - 1] = '-';
    parentId.getChars(0, parentId.length(), value, parentAt);
    value[flagsAt - 1] = '-';
    value[flagsAt] = HEX[(flags >> 4) & 0xF];
    value[flagsAt + 1] = HEX[flags & 0xF];
    return new String(value);
  }

  private static boolean isLowerHexByte(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
