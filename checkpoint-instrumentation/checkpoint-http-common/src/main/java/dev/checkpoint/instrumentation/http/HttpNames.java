package dev.checkpoint.instrumentation.http;

import java.net.URI;
import java.util.Locale;

/** Checkpoint names of HTTP calls. */
public final class HttpNames {

  private HttpNames() {}

  /**
   * The name of an outbound call: {@code METHOD host[:port]/path}, such as {@code POST
   * payments.internal:8080/payments}. The port is kept because services on one host differ only by
   * it; the query is left out because it usually carries ids that differ between runs.
   *
   * @param method the HTTP method
   * @param uri the request URI
   * @return the name
   */
  public static String client(String method, URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return method.toUpperCase(Locale.ROOT) + " " + host + port + path;
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
