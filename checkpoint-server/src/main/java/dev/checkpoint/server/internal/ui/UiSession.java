package dev.checkpoint.server.internal.ui;

import dev.checkpoint.server.internal.storage.CheckpointStore;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see the UI. With no tokens configured the server listens on 127.0.0.1 only and the UI is
 * open. Otherwise the UI asks for a read token once and opens a session: the cookie holds a random
 * session id (HttpOnly, SameSite=Strict, Secure over HTTPS), never the token, and the session row
 * in the database holds a digest of the token. Logging out deletes the row, so a copied cookie
 * stops working; removing a token from the configuration ends its sessions; several servers on one
 * database share the sessions.
 */
final class UiSession {
  static final String COOKIE = "checkpoint_ui_session";
  static final Duration LIFETIME = Duration.ofHours(12);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final boolean open;
  private final Set<String> tokenDigests;
  private final CheckpointStore store;
  private final Clock clock;

  UiSession(boolean authEnabled, Set<String> readTokens, CheckpointStore store, Clock clock) {
    this.open = !authEnabled;
    this.tokenDigests = Set.copyOf(readTokens.stream().map(UiSession::digest).toList());
    this.store = store;
    this.clock = clock;
  }

  boolean loginRequired() {
    return !open;
  }

  boolean admits(Context ctx) {
    if (open) {
      return true;
    }
    String id = ctx.cookie(COOKIE);
    if (id == null || id.length() > 64) {
      return false;
    }
    Optional<String> digest = store.sessionToken(id, clock.millis());
    return digest.isPresent() && accepts(digest.get(), tokenDigests);
  }

  /** Whether the token is a read token; compared by digest in constant time. */
  boolean accepts(String token) {
    return token != null && accepts(digest(token), tokenDigests);
  }

  void start(Context ctx, String token) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    store.openSession(id, digest(token), clock.millis() + LIFETIME.toMillis());
    ctx.header("Set-Cookie", cookie(ctx, id, (int) LIFETIME.toSeconds()));
  }

  void end(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id != null) {
      store.closeSession(id);
    }
    ctx.header("Set-Cookie", cookie(ctx, "", 0));
  }

  private static boolean accepts(String digest, Set<String> known) {
    byte[] candidate = digest.getBytes(StandardCharsets.US_ASCII);
    boolean found = false;
    for (String each : known) {
      found |= MessageDigest.isEqual(each.getBytes(StandardCharsets.US_ASCII), candidate);
    }
    return found;
  }

  private static String digest(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  private static String cookie(Context ctx, String value, int maxAge) {
    return COOKIE
        + "="
        + value
        + "; Path=/ui; HttpOnly; SameSite=Strict"
        + ("https".equals(ctx.scheme()) ? "; Secure" : "")
        + "; Max-Age="
        + maxAge;
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
