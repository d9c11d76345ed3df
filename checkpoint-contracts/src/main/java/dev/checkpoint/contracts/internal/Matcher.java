package dev.checkpoint.contracts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a contract matches a value that is noise or was redacted: by a regular expression, when the
 * placeholder text says what the value looks like ({@code <uuid>}, {@code order-<id>}), else by
 * type. Both Pact and WireMock read the same decision.
 *
 * @param regex the expression the whole value must match, or {@code null} to match by type
 */
public record Matcher(String regex) {

  /** The placeholder the recording gives a redacted value. */
  public static final String REDACTED = "[REDACTED]";

  private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z-]+)>");

  /*
   * What each detector's placeholder stands for. Placeholders that stand for anything (learned or
   * configured noise, timestamps in many formats, durations) are absent: such a value matches by
   * type. Written without \Q..\E or look-arounds, which Pact verifiers outside the JVM lack.
   */
  private static final Map<String, String> PATTERNS =
      Map.of(
          "uuid",
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
          "id",
          "[0-9]+",
          "port",
          "[0-9]{1,5}");

  private static final String SPECIAL = "\\^$.|?*+()[]{}";

  /** Matching by type: same JSON type as the example. */
  public static final Matcher TYPE = new Matcher(null);

  /**
   * The matcher of a noisy or redacted value.
   *
   * @param value the recorded value
   * @param placeholder its placeholder, {@link #REDACTED} for a redacted value
   * @return a regex matcher when the placeholder describes the text and the recorded text matches
   *     it, else a type matcher
   */
  public static Matcher of(JsonNode value, String placeholder) {
    if (!value.isTextual() || REDACTED.equals(placeholder)) {
      return TYPE;
    }
    String regex = regex(placeholder);
    return regex != null && value.textValue().matches(regex) ? new Matcher(regex) : TYPE;
  }

  /**
   * A placeholder text as a regular expression: literal parts escaped, each known placeholder as
   * its pattern.
   *
   * @param placeholder such as {@code /orders/<uuid>}
   * @return the expression, or {@code null} when a placeholder in it stands for anything
   */
  public static String regex(String placeholder) {
    java.util.regex.Matcher found = PLACEHOLDER.matcher(placeholder);
    StringBuilder regex = new StringBuilder();
    int last = 0;
    boolean any = false;
    while (found.find()) {
      String pattern = PATTERNS.get(found.group(1));
      if (pattern == null) {
        return null;
      }
      regex.append(escaped(placeholder.substring(last, found.start()))).append(pattern);
      last = found.end();
      any = true;
    }
    return any ? regex.append(escaped(placeholder.substring(last))).toString() : null;
  }

  /**
   * Whether this matcher compares by type.
   *
   * @return {@code true} for a type matcher
   */
  public boolean byType() {
    return regex == null;
  }

  private static String escaped(String literal) {
    StringBuilder escaped = new StringBuilder(literal.length());
    for (char c : literal.toCharArray()) {
      if (SPECIAL.indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
