package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code limit} and {@code offset} query parameters, and the page they produce. One more row than
 * asked for is fetched to tell whether there is a next page.
 */
record PageRequest(int limit, int offset) {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;

  static PageRequest of(Context ctx) {
    int limit = Params.integer(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE - MAX_LIMIT - 1);
    return new PageRequest(limit, offset);
  }

  /** Rows to fetch. */
  int fetch() {
    return limit + 1;
  }

  ObjectNode page(List<? extends JsonNode> rows) {
    ObjectNode page = Json.MAPPER.createObjectNode();
    ArrayNode items = page.putArray("items");
    rows.stream().limit(limit).forEach(items::add);
    page.put("limit", limit);
    page.put("offset", offset);
    if (rows.size() > limit) {
      page.put("nextOffset", offset + limit);
    } else {
      page.putNull("nextOffset");
    }
    return page;
  }
}
