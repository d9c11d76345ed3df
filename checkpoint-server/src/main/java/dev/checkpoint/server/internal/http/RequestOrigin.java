package dev.checkpoint.server.internal.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a request comes from. A browser on another site must not change anything here, token or
 * not: a state-changing request whose {@code Sec-Fetch-Site} or {@code Origin} names another site
 * is refused. Every request must name this server in its {@code Host} header, so that a page on a
 * name that resolves to a loopback address (DNS rebinding) cannot read the API or the UI either.
 * Clients that are not browsers send neither header and pass.
 */
public final class RequestOrigin {
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final Set<String> allowedHosts;

  private RequestOrigin(Set<String> allowedHosts) {
    this.allowedHosts = allowedHosts;
  }

  /**
   * The check for a server listening on {@code listenHost}.
   *
   * @param configured the configured names ({@code http.allowed-hosts}); empty for the default: the
   *     loopback names when listening on a loopback address, any name otherwise
   */
  public static RequestOrigin of(Set<String> configured, String listenHost) {
    if (!configured.isEmpty()) {
      return new RequestOrigin(lowerCase(configured));
    }
    boolean loopback =
        LOOPBACK_NAMES.contains(listenHost.toLowerCase(Locale.ROOT)) || listenHost.equals("::1");
    return new RequestOrigin(loopback ? LOOPBACK_NAMES : Set.of());
  }

  /**
   * Why a request is refused.
   *
   * @param status the HTTP status
   * @param error the error code of the JSON error format
   * @param detail cause and remedy
   */
  public record Refusal(int status, String error, String detail) {}

  /** Why the request is refused, or empty when it may go on. */
  public Optional<Refusal> refusal(Context ctx) {
    String host = ctx.header("Host");
    if (!allowedHosts.isEmpty() && (host == null || !allowedHosts.contains(hostName(host)))) {
      return Optional.of(
          new Refusal(
              421,
              "unknown_host",
              "This server does not answer to the name '"
                  + host
                  + "'. Reach it as one of "
                  + allowedHosts.stream().sorted().toList()
                  + ", or add the name to http.allowed-hosts."));
    }
    if (SAFE_METHODS.contains(ctx.method().name())) {
      return Optional.empty();
    }
    String site = ctx.header("Sec-Fetch-Site");
    String origin = ctx.header("Origin");
    boolean crossSite = site != null && !site.equals("same-origin") && !site.equals("none");
    // The scheme is left out: behind a proxy that ends TLS the page is https and this server http.
    boolean foreignOrigin =
        origin != null && (host == null || !host.equalsIgnoreCase(authority(origin)));
    if (crossSite || foreignOrigin) {
      return Optional.of(
          new Refusal(
              403,
              "cross_site",
              "A page on another site ("
                  + (origin != null ? origin : site)
                  + ") may not change anything on this server. Send the request from a client of"
                  + " your own, or from this server's web UI."));
    }
    return Optional.empty();
  }

  /** The host and port of an Origin header ("null" and other opaque origins have none). */
  private static String authority(String origin) {
    int scheme = origin.indexOf("://");
    return scheme < 0 ? "" : origin.substring(scheme + 3);
  }

  /** The name of a Host header: without its port, IPv6 literals keeping their brackets. */
  private static String hostName(String host) {
    String lower = host.toLowerCase(Locale.ROOT).strip();
    if (lower.startsWith("[")) {
      int end = lower.indexOf(']');
      return end < 0 ? lower : lower.substring(0, end + 1);
    }
    int colon = lower.indexOf(':');
    return colon < 0 ? lower : lower.substring(0, colon);
  }

  private static Set<String> lowerCase(Set<String> names) {
    return Set.copyOf(names.stream().map(name -> name.toLowerCase(Locale.ROOT).strip()).toList());
  }
}
