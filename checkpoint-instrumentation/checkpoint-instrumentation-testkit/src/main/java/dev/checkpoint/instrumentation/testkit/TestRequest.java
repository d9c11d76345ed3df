package dev.checkpoint.instrumentation.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the test kit asks a client under test to send.
 *
 * @param method the HTTP method
 * @param uri the absolute URI
 * @param headers extra headers, besides the content type
 * @param contentType the body's content type, or {@code null} without a body
 * @param body the body, or {@code null} for none
 * @param timeout the per-request timeout, or {@code null} for the client's default
 */
public record TestRequest(
    String method,
    URI uri,
    Map<String, String> headers,
    String contentType,
    byte[] body,
    Duration timeout) {

  /** Copies the headers. */
  public TestRequest {
    headers = Map.copyOf(headers);
  }

  /**
   * A GET without headers.
   *
   * @param uri the URI
   * @return the request
   */
  public static TestRequest get(URI uri) {
    return new TestRequest("GET", uri, Map.of(), null, null, null);
  }

  /**
   * A POST with a body.
   *
   * @param uri the URI
   * @param contentType the content type
   * @param body the body
   * @return the request
   */
  public static TestRequest post(URI uri, String contentType, byte[] body) {
    return new TestRequest("POST", uri, Map.of(), contentType, body, null);
  }

  /**
   * This request with one more header.
   *
   * @param name the header name
   * @param value the value
   * @return a new request
   */
  public TestRequest withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new TestRequest(method, uri, more, contentType, body, timeout);
  }

  /**
   * This request with a timeout.
   *
   * @param newTimeout how long the client waits for the response
   * @return a new request
   */
  public TestRequest withTimeout(Duration newTimeout) {
    return new TestRequest(method, uri, headers, contentType, body, newTimeout);
  }
}
