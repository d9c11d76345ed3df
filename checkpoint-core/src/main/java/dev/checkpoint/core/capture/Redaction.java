package dev.checkpoint.core.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides which JSON keys and header names hold secrets. A key is redacted when, lower-cased and
 * stripped of {@code -}, {@code _}, {@code .} and spaces, it contains one of the patterns, or when
 * it matches one of the regular-expression patterns (written {@code /regex/}).
 *
 * <p>The built-in patterns always apply; configuration can only add to them, so a typo in the
 * configuration never exposes a password.
 */
public final class Redaction {

  /** What a redacted value is replaced with. */
  public static final String MARKER = "[REDACTED]";

  /** The patterns that always apply: credentials in headers and common secret-bearing keys. */
  public static final List<String> BUILT_IN =
      List.of(
          "authorization",
          "cookie",
          "apikey",
          "password",
          "passwd",
          "secret",
          "token",
          "credential",
          "cardnumber",
          "cvv",
          "cvc");

  /**
   * Keys repeat across payloads, so decisions are remembered; the bound keeps payloads with random
   * keys from growing the cache without limit (further keys are then decided each time).
   */
  private static final int MAX_CACHED_KEYS = 8192;

  private final List<String> fragments;
  private final List<Pattern> regexes;
  private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();

  private Redaction(List<String> fragments, List<Pattern> regexes) {
    this.fragments = fragments;
    this.regexes = regexes;
  }

  /**
   * The built-in patterns only.
   *
   * @return the default redaction
   */
  public static Redaction defaults() {
    return withExtra(List.of());
  }

  /**
   * The built-in patterns plus extra ones.
   *
   * @param extra fragments such as {@code ssn}, or regular expressions written {@code /^x-.*$/}
   * @return the redaction
   * @throws IllegalArgumentException when a regular expression does not compile
   */
  public static Redaction withExtra(List<String> extra) {
    Objects.requireNonNull(extra, "extra");
    List<String> fragments = new ArrayList<>(BUILT_IN);
    List<Pattern> regexes = new ArrayList<>();
    for (String pattern : extra) {
      String trimmed = pattern.strip();
      if (trimmed.length() > 2 && trimmed.startsWith("/") && trimmed.endsWith("/")) {
        regexes.add(
            Pattern.compile(trimmed.substring(1, trimmed.length() - 1), Pattern.CASE_INSENSITIVE));
      } else if (!trimmed.isEmpty()) {
        fragments.add(normalise(trimmed));
      }
    }
    return new Redaction(List.copyOf(fragments), List.copyOf(regexes));
  }

  /**
   * Whether a key or header name holds a secret.
   *
   * @param key the key
   * @return {@code true} when its value must be replaced by {@link #MARKER}
   */
  public boolean isSecret(String key) {
    Boolean known = decisions.get(key);
    if (known != null) {
      return known;
    }
    boolean secret = decide(key);
    if (decisions.size() < MAX_CACHED_KEYS) {
      decisions.put(key, secret);
    }
    return secret;
  }

  private boolean decide(String key) {
    String normalised = normalise(key);
    for (String fragment : fragments) {
      if (normalised.contains(fragment)) {
        return true;
      }
    }
    for (Pattern regex : regexes) {
      if (regex.matcher(key).find()) {
        return true;
      }
    }
    return false;
  }

  private static String normalise(String key) {
    StringBuilder builder = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '-' && c != '_' && c != '.' && c != ' ') {
        builder.append(c);
      }
    }
    return builder.toString().toLowerCase(Locale.ROOT);
  }
}
