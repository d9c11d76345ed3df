package dev.checkpoint.server.internal.http;

import dev.checkpoint.server.internal.storage.StorableText;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Query parameters that no stored text can match: a search for U+0000 would reach PostgreSQL, which
 * refuses it, and answer 503 as if the database were down.
 */
public final class QueryParameters {
  private QueryParameters() {}

  /**
   * A parameter that cannot be searched for.
   *
   * @param name the parameter
   * @param detail what is wrong with it and what to do
   */
  public record Unsearchable(String name, String detail) {}

  /** The first parameter that cannot be searched for, if any. */
  public static Optional<Unsearchable> unsearchable(Context ctx) {
    for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
      for (String value : parameter.getValue()) {
        String problem = StorableText.problem(value);
        if (problem != null) {
          return Optional.of(
              new Unsearchable(
                  parameter.getKey(),
                  parameter.getKey() + " " + problem + "; no recorded text contains it."));
        }
      }
    }
    return Optional.empty();
  }
}
