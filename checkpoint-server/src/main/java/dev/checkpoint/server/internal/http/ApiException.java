package dev.checkpoint.server.internal.http;

import java.util.Map;

/**
 * A request that gets an error response: {@code {"error": ..., "detail": ..., "path": ...}}. Thrown
 * by handlers and turned into the response by {@link EndpointGuard}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String path;
  // Exceptions are never serialised here; transient keeps javac's serial lint (JDK 21+) satisfied.
  private final transient Map<String, String> headers;

  ApiException(int status, String error, String detail, String path, Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.error = error;
    this.path = path;
    this.headers = Map.copyOf(headers);
  }

  static ApiException badRequest(String error, String detail, String path) {
    return new ApiException(400, error, detail, path, Map.of());
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, "not_found", detail, null, Map.of());
  }

  int status() {
    return status;
  }

  String error() {
    return error;
  }

  String path() {
    return path;
  }

  Map<String, String> headers() {
    return headers;
  }
}
