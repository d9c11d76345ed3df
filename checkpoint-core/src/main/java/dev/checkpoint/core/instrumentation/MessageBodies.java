package dev.checkpoint.core.instrumentation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The recorded shape of a message body (RabbitMQ, Kafka): JSON as JSON, so that secret keys are
 * redacted and assets diff field by field; text as a string; anything else as {@code {"base64":
 * "..."}}. A body over the payload limit becomes {@code {"truncated": true, "originalSize": n,
 * "preview": "..."}}, the marker the payload capture uses, whose preview text the capture still
 * redacts.
 *
 * <p>Messages carry no reliable content type (Kafka none at all), so a body without one is JSON
 * when it parses as a JSON object or array, and text when it is valid UTF-8.
 */
public final class MessageBodies {

  private MessageBodies() {}

  /**
   * Whether a body is recorded as a preview only.
   *
   * @param body the body, may be {@code null}
   * @param maxBytes the payload limit
   * @return {@code true} when the body has more than {@code maxBytes} bytes
   */
  public static boolean isOverLimit(byte[] body, int maxBytes) {
    return body != null && body.length > maxBytes;
  }

  /**
   * A body's recorded value.
   *
   * @param body the body, may be {@code null}
   * @param contentType its declared content type, {@code null} when unknown
   * @param contentEncoding its charset name ({@code null} for UTF-8), or a compression such as
   *     {@code gzip}, whose bytes are recorded as base64
   * @param maxBytes the payload limit
   * @return a {@link JsonBody}, a string, a {@code base64} object, the truncation marker, or {@code
   *     null} for a {@code null} body
   */
  public static Object shape(
      byte[] body, String contentType, String contentEncoding, int maxBytes) {
    if (body == null) {
      return null;
    }
    Charset charset = charset(contentEncoding);
    if (isOverLimit(body, maxBytes)) {
      Map<String, Object> preview = new LinkedHashMap<>();
      preview.put("truncated", true);
      preview.put("originalSize", body.length);
      preview.put(
          "preview",
          new String(body, 0, maxBytes / 2, charset == null ? StandardCharsets.UTF_8 : charset));
      return preview;
    }
    if (charset == null) {
      return base64(body);
    }
    // A UTF-8 body is checked where it lies: decoding it only to look at it copied every body
    // twice (its chars, then a string), and a JSON body is recorded from its bytes anyway.
    boolean utf8 = charset.equals(StandardCharsets.UTF_8);
    String text = utf8 ? null : decode(body, charset);
    if (utf8 ? !isWellFormedUtf8(body) : text == null) {
      return base64(body);
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean declaredJson = type.contains("json");
    int first = utf8 ? (body.length == 0 ? -1 : body[0]) : (text.isEmpty() ? -1 : text.charAt(0));
    boolean looksJson = type.isEmpty() && (first == '{' || first == '[');
    if (declaredJson || looksJson) {
      JsonBody json = JsonBody.of(utf8 ? body : text.getBytes(StandardCharsets.UTF_8));
      if (json != null) {
        return json;
      }
    } else if (!type.isEmpty() && !type.startsWith("text/") && !type.contains("xml")) {
      return base64(body);
    }
    return utf8 ? new String(body, StandardCharsets.UTF_8) : text;
  }

  /**
   * Whether the bytes are well-formed UTF-8 (the Unicode standard's table 3-7): what the JDK's
   * decoder accepts when it reports malformed input, without decoding. No overlong forms, no
   * surrogates, nothing above U+10FFFF.
   */
  static boolean isWellFormedUtf8(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int lead = bytes[i] & 0xff;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int length;
      int min = 0x80;
      int max = 0xbf;
      if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead == 0xe0) {
          min = 0xa0;
        } else if (lead == 0xed) {
          max = 0x9f;
        }
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead == 0xf0) {
          min = 0x90;
        } else if (lead == 0xf4) {
          max = 0x8f;
        }
      } else {
        return false;
      }
      if (i + length > bytes.length) {
        return false;
      }
      int second = bytes[i + 1] & 0xff;
      if (second < min || second > max) {
        return false;
      }
      for (int k = 2; k < length; k++) {
        if ((bytes[i + k] & 0xc0) != 0x80) {
          return false;
        }
      }
      i += length;
    }
    return true;
  }

  /**
   * A header value sent as bytes: the text when it is valid UTF-8, else {@code {"base64": ...}}.
   *
   * @param value the value, may be {@code null}
   * @return the recorded value
   */
  public static Object headerValue(byte[] value) {
    if (value == null) {
      return null;
    }
    String text = decode(value, StandardCharsets.UTF_8);
    return text == null ? base64(value) : text;
  }

  private static Map<String, Object> base64(byte[] body) {
    return Map.of("base64", Base64.getEncoder().encodeToString(body));
  }

  /**
   * The charset named by a content encoding: UTF-8 when absent, {@code null} when it names a
   * compression such as gzip.
   */
  private static Charset charset(String contentEncoding) {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.isSupported(contentEncoding) ? Charset.forName(contentEncoding) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String decode(byte[] body, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
