package dev.checkpoint.server.internal.http;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Query and path parameters, checked, with 400 responses naming the parameter. */
final class Params {
  static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

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

  static String path(Context ctx, String name, Pattern pattern, String rule) {
    String value = ctx.pathParam(name);
    if (!pattern.matcher(value).matches()) {
      throw ApiException.badRequest("invalid_parameter", name + " must be " + rule, name);
    }
    return value;
  }
}
