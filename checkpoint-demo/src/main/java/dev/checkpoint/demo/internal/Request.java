package dev.checkpoint.demo.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;

/**
 * An incoming request as a route sees it: the path parameters and the JSON body.
 *
 * @param servletRequest the underlying request
 * @param pathParameters values of the route's {@code {name}} segments
 */
public record Request(HttpServletRequest servletRequest, Map<String, String> pathParameters) {

  /** Copies the map. */
  public Request {
    pathParameters = Map.copyOf(pathParameters);
  }

  /**
   * The JSON body as {@code type}.
   *
   * @throws BadRequestException when the body is not JSON of that shape
   */
  public <T> T body(Class<T> type) throws IOException {
    byte[] bytes = servletRequest.getInputStream().readAllBytes();
    try {
      return Json.read(bytes, type);
    } catch (IOException e) {
      throw new BadRequestException("The body is not a JSON " + type.getSimpleName() + ".");
    }
  }

  /**
   * A path parameter.
   *
   * @param name its name in the route
   * @return its value
   */
  public String parameter(String name) {
    return pathParameters.get(name);
  }
}
