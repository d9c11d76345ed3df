package dev.checkpoint.instrumentation.http;

import java.net.URI;
import java.util.Locale;

/** Checkpoint names of HTTP calls. */
public final class HttpNames {

  private HttpNames() {}

  /**
   * The name of an outbound call: {@code METHOD /path}, such as {@code POST /payments}. Host and
   * port are left out (they stay in the input's {@code url}): they name where a service happens to
   * run, which changes between machines and runs (free ports), while the name is part of the
   * checkpoint's key in assets and is what replay and contracts match calls by. The query is left
   * out because it usually carries ids that differ between runs.
   *
   * @param method the HTTP method
   * @param uri the request URI
   * @return the name
   */
  public static String client(String method, URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }

  /**
   * The name of an inbound call: {@code METHOD /path}, with the route template as the path when it
   * is known.
   *
   * @param method the HTTP method
   * @param pathOrRoute the request path or its route template
   * @return the name
   */
  public static String server(String method, String pathOrRoute) {
    return method.toUpperCase(Locale.ROOT) + " " + pathOrRoute;
  }
}
