package dev.checkpoint.server.internal.ui;

import dev.checkpoint.server.internal.ui.PageModels.Pager;
import io.javalin.http.Context;
import java.util.Map;
import java.util.StringJoiner;

/** Query parameters of the pages, and the links to the neighbouring pages of a list. */
final class Pagination {
  private static final int MAX_OFFSET = 1_000_000;

  private Pagination() {}

  /** A query parameter, trimmed; null when absent or blank. */
  static String param(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    return value.trim();
  }

  static int offset(Context ctx) {
    String value = param(ctx, "offset");
    if (value == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(value);
      if (offset >= 0 && offset <= MAX_OFFSET) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below, as for any other out-of-range offset
    }
    throw UiException.badRequest(
        "The offset must be a whole number from 0 to " + MAX_OFFSET + ", not " + value + ".");
  }

  /**
   * @param fetched rows fetched for this page: one more than {@code perPage} when there is a next
   *     page
   */
  static Pager pager(String path, Map<String, String> query, int offset, int perPage, int fetched) {
    String previous = offset > 0 ? link(path, query, Math.max(0, offset - perPage)) : null;
    String next = fetched > perPage ? link(path, query, offset + perPage) : null;
    return new Pager(previous, next);
  }

  private static String link(String path, Map<String, String> query, int offset) {
    StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (name, value) -> {
          if (value != null) {
            parameters.add(name + "=" + Format.encode(value));
          }
        });
    if (offset > 0) {
      parameters.add("offset=" + offset);
    }
    return path + parameters;
  }
}
