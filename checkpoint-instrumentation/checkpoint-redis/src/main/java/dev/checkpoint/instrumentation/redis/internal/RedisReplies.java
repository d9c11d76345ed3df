package dev.checkpoint.instrumentation.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Recorded replies ({@code output.reply} of a {@code CACHE} checkpoint) given back to a client as
 * Redis would have sent them: text as a bulk string, a number as an integer (a fraction as the bulk
 * string Redis sends it as), an array as an array, a map reply as its keys and values in turn,
 * {@code {"base64": ...}} as its bytes.
 */
final class RedisReplies {

  private RedisReplies() {}

  /** The reply as Jedis reads it off the wire: {@code byte[]}, {@code Long}, {@code List}. */
  static Object jedis(JsonNode reply) {
    if (reply == null || reply.isNull()) {
      return null;
    }
    if (reply.isIntegralNumber()) {
      return reply.longValue();
    }
    if (reply.isBoolean()) {
      return reply.booleanValue() ? 1L : 0L;
    }
    if (reply.isArray()) {
      List<Object> items = new ArrayList<>(reply.size());
      reply.forEach(item -> items.add(jedis(item)));
      return items;
    }
    if (reply.isObject() && !isBytes(reply)) {
      List<Object> pairs = new ArrayList<>(reply.size() * 2);
      for (Map.Entry<String, JsonNode> field : reply.properties()) {
        pairs.add(field.getKey().getBytes(StandardCharsets.UTF_8));
        pairs.add(jedis(field.getValue()));
      }
      return pairs;
    }
    return bytes(reply);
  }

  /** Feeds the reply to a Lettuce command's output, as its protocol decoder would. */
  static void lettuce(CommandOutput<?, ?, ?> output, JsonNode reply, int depth) {
    if (reply == null || reply.isNull()) {
      output.set((ByteBuffer) null);
    } else if (reply.isIntegralNumber()) {
      output.set(reply.longValue());
    } else if (reply.isBoolean()) {
      output.set(reply.booleanValue() ? 1L : 0L);
    } else if (reply.isArray()) {
      output.multi(reply.size());
      reply.forEach(item -> lettuce(output, item, depth + 1));
      output.complete(depth + 1);
    } else if (reply.isObject() && !isBytes(reply)) {
      output.multi(reply.size() * 2);
      for (Map.Entry<String, JsonNode> field : reply.properties()) {
        output.set(ByteBuffer.wrap(field.getKey().getBytes(StandardCharsets.UTF_8)));
        lettuce(output, field.getValue(), depth + 1);
      }
      output.complete(depth + 1);
    } else {
      output.set(ByteBuffer.wrap(bytes(reply)));
    }
  }

  private static boolean isBytes(JsonNode reply) {
    return reply.size() == 1 && reply.path("base64").isTextual();
  }

  private static byte[] bytes(JsonNode reply) {
    if (reply.isObject()) {
      return Base64.getDecoder().decode(reply.path("base64").textValue());
    }
    return (reply.isTextual() ? reply.textValue() : reply.toString())
        .getBytes(StandardCharsets.UTF_8);
  }
}
