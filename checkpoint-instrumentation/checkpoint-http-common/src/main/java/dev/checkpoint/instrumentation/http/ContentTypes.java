package dev.checkpoint.instrumentation.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What instrumentation reads from a {@code Content-Type} header: the media type and charset. */
public final class ContentTypes {

  private ContentTypes() {}

  /**
   * The media type without parameters, lower-cased.
   *
   * @param contentType the header's value, may be {@code null}
   * @return such as {@code application/json}; empty when there is none
   */
  public static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  /**
   * The {@code charset} parameter.
   *
   * @param contentType the header's value, may be {@code null}
   * @param fallback the charset when there is no such parameter
   * @return the charset; UTF-8 when the parameter names one this JVM does not know
   */
  public static Charset charset(String contentType, Charset fallback) {
    if (contentType != null) {
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
    }
    return fallback;
  }
}
