package dev.checkpoint.core.capture;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides which JSON keys, header names, form fields and SQL columns hold secrets, and finds
 * secrets inside text ({@link #redactText}). A key is redacted when, lower-cased and stripped of
 * {@code -}, {@code _}, {@code .} and spaces, it contains one of the fragments ({@code
 * x_api_token}); or when it, or its last word ({@code user_pin}, {@code userPin}), is one of the
 * words, which are too short to be looked for inside longer keys ({@code pin} would match {@code
 * pinned}); or when it matches one of the regular-expression patterns (written {@code /regex/}).
 *
 * <p>The built-in patterns always apply; configuration can only add to them, so a typo in the
 * configuration never exposes a password.
 */
public final class Redaction {

  /** What a redacted value is replaced with. */
  public static final String MARKER = "[REDACTED]";

  /**
   * The fragments that always apply, looked for inside keys: credentials in headers and common
   * secret-bearing keys.
   */
  public static final List<String> BUILT_IN =
      List.of(
          "authorization",
          "cookie",
          "apikey",
          "accesskey",
          "password",
          "passwd",
          "pwd",
          "passphrase",
          "secret",
          "token",
          "credential",
          "privatekey",
          "jwt",
          "sessionid",
          "sessionkey",
          "csrf",
          "xsrf",
          "signature",
          "creditcard",
          "cardnumber",
          "ccnumber",
          "cvv",
          "cvc",
          "iban",
          "socialsecurity");

  /**
   * The words that always apply, matched against a whole key or its last word only: as fragments
   * they would match ordinary keys ({@code pinned}, {@code passenger}, {@code author}).
   */
  public static final List<String> BUILT_IN_WORDS =
      List.of("session", "sid", "pin", "pan", "ssn", "otp", "pass", "pw", "auth");

  /**
   * Keys repeat across payloads, so decisions are remembered; the bound keeps payloads with random
   * keys from growing the cache without limit (further keys are then decided each time).
   */
  private static final int MAX_CACHED_KEYS = 8192;

  private final List<String> fragments;
  private final Set<String> words;
  private final List<Pattern> regexes;
  private final Map<String, Boolean> decisions = new ConcurrentHashMap<>();

  private Redaction(List<String> fragments, Set<String> words, List<Pattern> regexes) {
    this.fragments = fragments;
    this.words = words;
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
   * @param extra fragments such as {@code taxid}, words written {@code =tan} (matched as a whole
   *     key or its last word), or regular expressions written {@code /^x-.*$/}
   * @return the redaction
   * @throws IllegalArgumentException when a regular expression does not compile
   */
  public static Redaction withExtra(List<String> extra) {
    Objects.requireNonNull(extra, "extra");
    List<String> fragments = new ArrayList<>(BUILT_IN);
    Set<String> words = new HashSet<>(BUILT_IN_WORDS);
    List<Pattern> regexes = new ArrayList<>();
    for (String pattern : extra) {
      String trimmed = pattern.strip();
      if (trimmed.length() > 2 && trimmed.startsWith("/") && trimmed.endsWith("/")) {
        regexes.add(
            Pattern.compile(trimmed.substring(1, trimmed.length() - 1), Pattern.CASE_INSENSITIVE));
      } else if (trimmed.length() > 1 && trimmed.startsWith("=")) {
        words.add(normalise(trimmed.substring(1)));
      } else if (!trimmed.isEmpty()) {
        fragments.add(normalise(trimmed));
      }
    }
    return new Redaction(List.copyOf(fragments), Set.copyOf(words), List.copyOf(regexes));
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

  /**
   * Whether a word found before {@code =} or {@code :} in a text is a secret key. Such words are
   * often not keys at all (the hour of a timestamp, a host before its port), so they are decided
   * without being remembered: they would fill the cache meant for the keys of payloads.
   */
  boolean isSecretInText(String key) {
    if (key.charAt(0) >= '0' && key.charAt(0) <= '9') {
      return false;
    }
    Boolean known = decisions.get(key);
    return known != null ? known : decide(key);
  }

  /**
   * Replaces the secrets inside a text: values of secret keys in query strings, {@code key=value}
   * and {@code key: value} pairs and URLs, the password of a URL's user info, secret keys of a text
   * that is a JSON object or array, and card numbers (13 to 19 digits, possibly grouped by spaces
   * or dashes, passing the Luhn check). See {@link SecretText} for what is and is not found.
   *
   * @param text the text
   * @return the text with each secret replaced by {@link #MARKER}; the same instance when it holds
   *     none
   */
  public String redactText(String text) {
    return SecretText.redact(text, this);
  }

  private boolean decide(String key) {
    String normalised = normalise(key);
    for (String fragment : fragments) {
      if (normalised.contains(fragment)) {
        return true;
      }
    }
    if (words.contains(normalised) || words.contains(lastWord(key))) {
      return true;
    }
    for (Pattern regex : regexes) {
      if (regex.matcher(key).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The last word of a key, lower-cased: after the last separator or lower-to-upper case change
   * ({@code userPin} and {@code user_pin} end in {@code pin}, {@code HTTP_SID} in {@code sid}).
   */
  private static String lastWord(String key) {
    int end = key.length();
    while (end > 0 && isSeparator(key.charAt(end - 1))) {
      end--;
    }
    int start = end - 1;
    while (start > 0
        && !isSeparator(key.charAt(start - 1))
        && !(Character.isUpperCase(key.charAt(start))
            && Character.isLowerCase(key.charAt(start - 1)))) {
      start--;
    }
    return start < 0 ? "" : key.substring(start, end).toLowerCase(Locale.ROOT);
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '_' || c == '.' || c == ' ';
  }

  private static String normalise(String key) {
    StringBuilder builder = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!isSeparator(c)) {
        builder.append(c);
      }
    }
    return builder.toString().toLowerCase(Locale.ROOT);
  }
}
