package dev.checkpoint.server.internal.http;

import dev.checkpoint.CheckpointId;
import dev.checkpoint.Kind;
import dev.checkpoint.TraceId;
import io.javalin.http.Context;
import java.util.function.Predicate;

/** Query and path parameters, checked, with 400 responses naming the parameter. */
final class Params {
  private Params() {}

  static int integer(Context ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the same answer as a number out of range
    }
    throw ApiException.badRequest(
        "invalid_parameter", name + " must be an integer from " + min + " to " + max, name);
  }

  static Long unixNanos(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the same answer as a negative number
    }
    throw ApiException.badRequest(
        "invalid_parameter", name + " must be Unix nanoseconds (a non-negative integer)", name);
  }

  /** A query parameter, null when absent or empty. */
  static String text(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty() ? null : value;
  }

  static String traceId(Context ctx) {
    return path(ctx, "traceId", TraceId::isValid, TraceId.RULE);
  }

  static String checkpointId(Context ctx) {
    return path(ctx, "checkpointId", CheckpointId::isValid, CheckpointId.RULE);
  }

  /** A valid kind given as a query parameter, null when absent or empty. */
  static String kind(Context ctx) {
    String kind = text(ctx, "kind");
    if (kind != null && Kind.parse(kind).isEmpty()) {
      throw ApiException.badRequest("invalid_parameter", "kind must be " + Kind.RULE, "kind");
    }
    return kind;
  }

  private static String path(Context ctx, String name, Predicate<String> valid, String rule) {
    String value = ctx.pathParam(name);
    if (!valid.test(value)) {
      throw ApiException.badRequest("invalid_parameter", name + " must be " + rule, name);
    }
    return value;
  }
}
