package dev.checkpoint.server.internal.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;

/** JSON bodies for the errors Javalin answers itself: unknown routes and wrong methods. */
public final class JsonErrors {
  private JsonErrors() {}

  public static void register(RoutesConfig routes) {
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          String error = e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus();
          Json.send(
              ctx,
              e.getStatus(),
              Json.error(
                  error,
                  e.getMessage() + ". See /api/v1/openapi.json for the routes of this server.",
                  null));
        });
  }
}
