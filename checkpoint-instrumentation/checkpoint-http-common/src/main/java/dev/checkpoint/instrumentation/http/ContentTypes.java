package dev.checkpoint.instrumentation.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What instrumentation reads from a {@code Content-Type} header: the media type and charset. */
public final class ContentTypes {

  private static volatile Parsed lastParsed;

  private ContentTypes() {}

  /**
   * The media type without parameters, lower-cased.
   *
   * @param contentType the header's value, may be {@code null}
   * @return such as {@code application/json}; empty when there is none
   */
  public static String mediaType(String contentType) {
    return contentType == null ? "" : parsed(contentType).mediaType();
  }

  /**
   * The {@code charset} parameter.
   *
   * @param contentType the header's value, may be {@code null}
   * @param fallback the charset when there is no such parameter
   * @return the charset; UTF-8 when the parameter names one this JVM does not know
   */
  public static Charset charset(String contentType, Charset fallback) {
    Charset charset = contentType == null ? null : parsed(contentType).charset();
    return charset == null ? fallback : charset;
  }

  /**
   * A service sends the same one or two content types over and over, and each recorded message asks
   * for its media type and charset: the last header parsed is kept (one immutable record, so
   * threads share it without locks) rather than splitting the same string again.
   */
  private static Parsed parsed(String contentType) {
    Parsed last = lastParsed;
    if (last != null && last.contentType().equals(contentType)) {
      return last;
    }
    Parsed parsed =
        new Parsed(
            contentType,
            contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT),
            charsetParameter(contentType));
    lastParsed = parsed;
    return parsed;
  }

  /** The charset named by the parameter, UTF-8 for one this JVM does not know, null for none. */
  private static Charset charsetParameter(String contentType) {
    for (String parameter : contentType.split(";")) {
      String trimmed = parameter.strip();
      if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return Charset.forName(trimmed.substring(8).replace("\"", "").strip());
        } catch (IllegalArgumentException unknown) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return null;
  }

  private record Parsed(String contentType, String mediaType, Charset charset) {}
}
