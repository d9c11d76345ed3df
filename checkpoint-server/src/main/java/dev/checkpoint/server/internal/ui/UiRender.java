package dev.checkpoint.server.internal.ui;

import io.javalin.http.Context;

/** Sends rendered pages with the headers every UI response carries. */
final class UiRender {
  /**
   * Scripts and styles only from this server, no plugins, no framing: a second line of defence
   * behind the escaping of every payload value.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private UiRender() {}

  static void page(Context ctx, String template, Object model) {
    page(ctx, 200, template, model);
  }

  static void page(Context ctx, int status, String template, Object model) {
    secure(ctx);
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .result(Templates.render(template, model));
  }

  static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cache-Control", "no-store");
  }
}
