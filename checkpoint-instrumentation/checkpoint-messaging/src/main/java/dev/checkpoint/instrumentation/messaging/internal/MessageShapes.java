package dev.checkpoint.instrumentation.messaging.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import dev.checkpoint.core.propagation.Baggage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the recorded input of a message: destination, exchange, routing key, queue, properties,
 * headers and body. JSON bodies are recorded as JSON, text as a string, anything else as {@code
 * {"base64": "..."}}. The propagation headers are left out: they differ on every run.
 */
final class MessageShapes {

  // Numbers as written: a double would round decimals and turn 1e400 into "Infinity".
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private static final String TRACEPARENT = "traceparent";

  private MessageShapes() {}

  /** Whether a body over this many bytes is recorded as a preview only. */
  static boolean isOverLimit(byte[] body, int maxBytes) {
    return body != null && body.length > maxBytes;
  }

  static Map<String, Object> input(
      String exchange,
      String routingKey,
      String queue,
      AMQP.BasicProperties properties,
      byte[] body,
      int maxBytes) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("destination", destination(exchange, routingKey));
    input.put("exchange", exchange);
    input.put("routingKey", routingKey);
    if (queue != null) {
      input.put("queue", queue);
    }
    input.put("properties", properties(properties));
    input.put("headers", headers(properties == null ? null : properties.getHeaders()));
    input.put("body", body(properties, body, maxBytes));
    return input;
  }

  /** The exchange, or for the default exchange the queue it routes to. */
  static String destination(String exchange, String routingKey) {
    return exchange == null || exchange.isEmpty() ? routingKey : exchange;
  }

  private static Map<String, Object> properties(AMQP.BasicProperties properties) {
    Map<String, Object> recorded = new LinkedHashMap<>();
    if (properties == null) {
      return recorded;
    }
    putIfSet(recorded, "contentType", properties.getContentType());
    putIfSet(recorded, "contentEncoding", properties.getContentEncoding());
    putIfSet(recorded, "deliveryMode", properties.getDeliveryMode());
    putIfSet(recorded, "priority", properties.getPriority());
    putIfSet(recorded, "correlationId", properties.getCorrelationId());
    putIfSet(recorded, "replyTo", properties.getReplyTo());
    putIfSet(recorded, "expiration", properties.getExpiration());
    putIfSet(recorded, "messageId", properties.getMessageId());
    putIfSet(recorded, "timestamp", headerValue(properties.getTimestamp()));
    putIfSet(recorded, "type", properties.getType());
    putIfSet(recorded, "userId", properties.getUserId());
    putIfSet(recorded, "appId", properties.getAppId());
    return recorded;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Map<String, Object> headers(Map<String, Object> headers) {
    Map<String, Object> recorded = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, value) -> {
            if (!name.equalsIgnoreCase(TRACEPARENT) && !name.equalsIgnoreCase(Baggage.HEADER)) {
              recorded.put(name, headerValue(value));
            }
          });
    }
    return recorded;
  }

  /** AMQP field values as JSON values: long strings as text, tables and arrays recursively. */
  private static Object headerValue(Object value) {
    if (value instanceof LongString text) {
      return text.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof Map<?, ?> table) {
      Map<String, Object> converted = new LinkedHashMap<>();
      table.forEach((key, nested) -> converted.put(String.valueOf(key), headerValue(nested)));
      return converted;
    }
    if (value instanceof List<?> list) {
      List<Object> converted = new ArrayList<>(list.size());
      list.forEach(nested -> converted.add(headerValue(nested)));
      return converted;
    }
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return value.toString();
  }

  private static Object body(AMQP.BasicProperties properties, byte[] body, int maxBytes) {
    if (body == null) {
      return null;
    }
    String contentType = properties == null ? null : properties.getContentType();
    Charset charset = charset(properties == null ? null : properties.getContentEncoding());
    if (isOverLimit(body, maxBytes)) {
      Map<String, Object> preview = new LinkedHashMap<>();
      preview.put("truncated", true);
      preview.put("originalSize", body.length);
      preview.put("preview", new String(body, 0, maxBytes / 2, charsetOrUtf8(charset)));
      return preview;
    }
    String text = charset == null ? null : decode(body, charset);
    if (text == null) {
      return Map.of("base64", Base64.getEncoder().encodeToString(body));
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    boolean declaredJson = type.contains("json");
    boolean looksJson = type.isEmpty() && (text.startsWith("{") || text.startsWith("["));
    if (declaredJson || looksJson) {
      try {
        return JSON.readTree(text);
      } catch (IOException notJson) {
        return text;
      }
    }
    if (type.isEmpty() || type.startsWith("text/") || type.contains("xml")) {
      return text;
    }
    return Map.of("base64", Base64.getEncoder().encodeToString(body));
  }

  /**
   * The charset named by {@code content_encoding}: UTF-8 when absent, {@code null} when it names a
   * compression such as gzip, whose bytes are recorded as they are.
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

  private static Charset charsetOrUtf8(Charset charset) {
    return charset == null ? StandardCharsets.UTF_8 : charset;
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
