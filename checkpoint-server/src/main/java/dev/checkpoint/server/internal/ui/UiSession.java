package dev.checkpoint.server.internal.ui;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * Who may see the UI. With no tokens configured the server listens on 127.0.0.1 only and the UI is
 * open. Otherwise the UI asks for a read token once and keeps it in an HttpOnly, SameSite=Strict
 * cookie, so that scripts cannot read it and other sites cannot send it; every request checks it
 * again, so several servers behind a load balancer need no shared session store.
 */
final class UiSession {
  static final String COOKIE = "checkpoint_ui_token";

  private final boolean open;
  private final Set<String> readTokens;

  UiSession(boolean authEnabled, Set<String> readTokens) {
    this.open = !authEnabled;
    this.readTokens = Set.copyOf(readTokens);
  }

  boolean loginRequired() {
    return !open;
  }

  boolean admits(Context ctx) {
    return open || accepts(decode(ctx.cookie(COOKIE)));
  }

  /** Compares in constant time, so that response times do not reveal a token's prefix. */
  boolean accepts(String token) {
    if (token == null) {
      return false;
    }
    byte[] candidate = token.getBytes(StandardCharsets.UTF_8);
    boolean found = false;
    for (String known : readTokens) {
      found |= MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8), candidate);
    }
    return found;
  }

  void start(Context ctx, String token) {
    // Base64 keeps any token within the characters a cookie value may hold.
    ctx.header(
        "Set-Cookie",
        cookie(
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(token.getBytes(StandardCharsets.UTF_8)),
            -1));
  }

  void end(Context ctx) {
    ctx.header("Set-Cookie", cookie("", 0));
  }

  private static String decode(String cookie) {
    if (cookie == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String cookie(String value, int maxAge) {
    return COOKIE
        + "="
        + value
        + "; Path=/ui; HttpOnly; SameSite=Strict"
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
  }

  /** Where to go after logging in: only a page of this UI, never another site. */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/ui/")
        || next.startsWith("/ui//")
        || next.contains("\\")) {
      return "/ui/runs";
    }
    return next;
  }
}
