package dev.checkpoint.assets.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits field names such as {@code createdAt}, {@code order_id} or {@code X-Request-Id}. */
final class KeyWords {

  private KeyWords() {}

  /** The lower-case words of a camelCase, snake_case, kebab-case or dotted name. */
  static List<String> of(String key) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (Character.isUpperCase(c) && word.length() > 0) {
        char previous = key.charAt(i - 1);
        boolean nextIsLower = i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1));
        if (!Character.isUpperCase(previous) || nextIsLower) {
          flush(word, words);
        }
      }
      word.append(c);
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}
