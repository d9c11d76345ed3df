package dev.checkpoint.instrumentation.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * What a client under test received, read completely by the application's side of the test.
 *
 * @param status the status code
 * @param headers header names (lower case) to their first value
 * @param body the body bytes, empty when there was none
 */
public record TestResponse(int status, Map<String, String> headers, byte[] body) {

  /**
   * The body as UTF-8 text.
   *
   * @return the text
   */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * A header's value.
   *
   * @param name the name, in any case
   * @return the value, or {@code null}
   */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
