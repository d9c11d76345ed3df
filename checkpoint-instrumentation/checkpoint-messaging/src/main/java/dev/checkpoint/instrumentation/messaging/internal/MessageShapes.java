package dev.checkpoint.instrumentation.messaging.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import dev.checkpoint.core.instrumentation.MessageBodies;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the recorded input of a message: destination, exchange, routing key, queue, properties,
 * headers and body (in the shape of {@link MessageBodies}). The propagation headers are left out:
 * they differ on every run.
 */
final class MessageShapes {

  private MessageShapes() {}

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
    input.put(
        "body",
        MessageBodies.shape(
            body,
            properties == null ? null : properties.getContentType(),
            properties == null ? null : properties.getContentEncoding(),
            maxBytes));
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
            if (!W3cPropagation.isPropagationHeader(name)) {
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
}
