package dev.checkpoint.core.capture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds secrets inside a text, for {@link Redaction#redactText}. Three shapes are found:
 *
 * <ul>
 *   <li>a text that is a JSON object or array: its secret keys are redacted as in a JSON payload,
 *       its strings as texts, and it is written back (compact) as a text;
 *   <li>{@code key=value} and {@code key: value} with a secret key, which covers query strings
 *       ({@code ?access_token=...&x=1}), URLs in headers such as {@code Location}, cookies,
 *       log-like text, JSON that does not parse (cut or double-encoded) and SQL ({@code password =
 *       'hunter2'}); a quoted value is redacted up to its closing quote, an unquoted one up to the
 *       next {@code & ; ,}, quote, bracket or white space (two words after an {@code Authorization}
 *       scheme such as {@code Bearer}); and the password of a URL's user info ({@code
 *       https://ann:pw@host});
 *   <li>card numbers: 13 to 19 digits starting with 2 to 6 (the major card networks; epoch
 *       milliseconds start with 1; a 2 only in Mastercard's 2221 to 2720, not a date such as
 *       20261205), written whole or grouped as cards are printed (fours, Amex's 4-6-5, Diners'
 *       4-6-4) with one space or dash between groups, passing the Luhn check.
 * </ul>
 *
 * <p>Cheap for texts without secrets: one pass looks for {@code =}, {@code :} and 13 digits, and
 * only a text that has them is scanned further, in linear time (no regular expressions). Not found:
 * secrets without a key ({@code /reset/abc123}, a bare token in free text), keys written in another
 * encoding ({@code pass%77ord}), values with a backslash-escaped quote in SQL, and card numbers
 * inside a longer run of digits.
 */
final class SecretText {

  private static final int MIN_CARD_DIGITS = 13;
  private static final int MAX_CARD_DIGITS = 19;

  /** Longer runs of key characters are not keys: bounds the work and the key cache's churn. */
  private static final int MAX_KEY_LENGTH = 64;

  /** JSON in a string in JSON in a string...: deeper levels are scanned as text only. */
  private static final int MAX_NESTING = 4;

  // Numbers as written: a double would round decimals and turn 1e400 into "Infinity".
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  /** Authorization schemes, followed by the credential as a second word. */
  private static final List<String> SCHEMES =
      List.of("bearer", "basic", "digest", "token", "negotiate", "ntlm", "apikey");

  private SecretText() {}

  static String redact(String text, Redaction redaction) {
    return redact(text, redaction, 0);
  }

  private static String redact(String text, Redaction redaction, int nesting) {
    int digits = 0;
    boolean pairs = false;
    for (int i = 0; i < text.length() && !pairs; i++) {
      char c = text.charAt(i);
      if (c == '=' || c == ':') {
        pairs = true;
      } else if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    if (!pairs && digits < MIN_CARD_DIGITS) {
      return text;
    }
    String redacted = text;
    if (pairs) {
      String json = nesting < MAX_NESTING ? json(text, redaction, nesting) : null;
      if (json != null) {
        return json;
      }
      redacted = pairs(text, redaction);
    }
    return cards(redacted);
  }

  /** The text redacted as JSON, or {@code null} when it is not a JSON object or array. */
  private static String json(String text, Redaction redaction, int nesting) {
    int first = 0;
    while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    int last = text.length() - 1;
    while (last > first && Character.isWhitespace(text.charAt(last))) {
      last--;
    }
    if (last <= first
        || !((text.charAt(first) == '{' && text.charAt(last) == '}')
            || (text.charAt(first) == '[' && text.charAt(last) == ']'))) {
      return null;
    }
    // Most JSON has no secret: one streaming pass finds that without building a tree.
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      if (!hasSecret(parser, redaction, nesting)) {
        return text;
      }
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
    JsonNode tree;
    try {
      tree =
          MAPPER
              .readerFor(JsonNode.class)
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readValue(text);
    } catch (JsonProcessingException | RuntimeException notOneValue) {
      // Several JSON values in a row: scanned as text.
      return null;
    }
    if (!redactTree(tree, redaction, nesting)) {
      return text;
    }
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      // A tree just read can be written: this is not expected, and the text must not leak.
      return Redaction.MARKER;
    }
  }

  /** Whether a JSON text (all its values) has a secret key or a string with a secret inside. */
  private static boolean hasSecret(JsonParser parser, Redaction redaction, int nesting)
      throws IOException {
    for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
      if (token == JsonToken.FIELD_NAME && redaction.isSecret(parser.currentName())) {
        return true;
      }
      if (token == JsonToken.VALUE_STRING) {
        String value = parser.getText();
        if (redact(value, redaction, nesting + 1) != value) {
          return true;
        }
      }
    }
    return false;
  }

  /** Redacts a JSON tree in place, iteratively; whether anything changed. */
  private static boolean redactTree(JsonNode root, Redaction redaction, int nesting) {
    boolean changed = false;
    List<JsonNode> pending = new ArrayList<>();
    pending.add(root);
    while (!pending.isEmpty()) {
      JsonNode node = pending.remove(pending.size() - 1);
      if (node instanceof ObjectNode object) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
          if (redaction.isSecret(field.getKey())) {
            changed |= !field.getValue().asText().equals(Redaction.MARKER);
            field.setValue(TextNode.valueOf(Redaction.MARKER));
          } else if (field.getValue().isTextual()) {
            String value = field.getValue().textValue();
            String redacted = redact(value, redaction, nesting + 1);
            if (!redacted.equals(value)) {
              field.setValue(TextNode.valueOf(redacted));
              changed = true;
            }
          } else {
            pending.add(field.getValue());
          }
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode element = array.get(i);
          if (element.isTextual()) {
            String redacted = redact(element.textValue(), redaction, nesting + 1);
            if (!redacted.equals(element.textValue())) {
              array.set(i, TextNode.valueOf(redacted));
              changed = true;
            }
          } else {
            pending.add(element);
          }
        }
      }
    }
    return changed;
  }

  /** Replaces the values of {@code key=value} and {@code key: value} pairs with a secret key. */
  private static String pairs(String text, Redaction redaction) {
    StringBuilder out = null;
    int copied = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c != '=' && c != ':') {
        continue;
      }
      int[] value =
          c == ':' && isUserInfo(text, i)
              ? userInfoPassword(text, i)
              : secretValue(text, i, redaction);
      if (value == null || value[1] <= value[0]) {
        continue;
      }
      if (text.startsWith(Redaction.MARKER, value[0])) {
        // Redacted before, by the instrumentation or an earlier capture.
        i = value[0] + Redaction.MARKER.length() - 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(text, copied, value[0]).append(Redaction.MARKER);
      copied = value[1];
      i = value[1] - 1;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  /** The start and end of the value after the separator at {@code at} when its key is secret. */
  private static int[] secretValue(String text, int at, Redaction redaction) {
    int k = at - 1;
    while (k >= 0 && text.charAt(k) == ' ') {
      k--;
    }
    if (k >= 0 && isQuote(text.charAt(k))) {
      k--;
      if (k >= 0 && text.charAt(k) == '\\') {
        k--;
      }
    }
    int keyEnd = k + 1;
    while (k >= 0 && keyEnd - k <= MAX_KEY_LENGTH && isKeyChar(text.charAt(k))) {
      k--;
    }
    int keyStart = k + 1;
    if (keyStart == keyEnd
        || keyEnd - keyStart > MAX_KEY_LENGTH
        || (k >= 0 && isKeyChar(text.charAt(k)))
        || !redaction.isSecretInText(text.substring(keyStart, keyEnd))) {
      return null;
    }
    int n = text.length();
    int v = at + 1;
    if (v < n && text.charAt(at) == '=' && text.charAt(v) == '=') {
      // A comparison (password == x) is still a secret beside its key.
      v++;
    }
    while (v < n && text.charAt(v) == ' ') {
      v++;
    }
    boolean escaped = v + 1 < n && text.charAt(v) == '\\' && isQuote(text.charAt(v + 1));
    if (escaped) {
      v++;
    }
    if (v < n && isQuote(text.charAt(v))) {
      char quote = text.charAt(v);
      int end = v + 1;
      while (end < n) {
        char ch = text.charAt(end);
        if (ch == quote && quote == '\'' && end + 1 < n && text.charAt(end + 1) == '\'') {
          // SQL doubles a quote inside a literal: 'it''s' is one value.
          end += 2;
        } else if (ch == quote) {
          break;
        } else if (ch == '\\' && escaped && end + 1 < n && text.charAt(end + 1) == quote) {
          break;
        } else {
          end += ch == '\\' ? 2 : 1;
        }
      }
      int valueEnd = Math.min(end, n);
      return new int[] {v + 1, valueEnd};
    }
    int end = wordEnd(text, v);
    String word = text.substring(v, end);
    if (end < n && text.charAt(end) == ' ' && SCHEMES.contains(word.toLowerCase(Locale.ROOT))) {
      int second = end + 1;
      while (second < n && text.charAt(second) == ' ') {
        second++;
      }
      end = wordEnd(text, second);
    }
    return new int[] {v, end};
  }

  private static int wordEnd(String text, int from) {
    int end = from;
    while (end < text.length() && !isValueEnd(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** Whether the colon at {@code at} separates the user and password of a URL's user info. */
  private static boolean isUserInfo(String text, int at) {
    int k = at - 1;
    while (k >= 0 && isUserInfoChar(text.charAt(k))) {
      k--;
    }
    return k >= 2
        && text.charAt(k) == '/'
        && text.charAt(k - 1) == '/'
        && text.charAt(k - 2) == ':';
  }

  private static int[] userInfoPassword(String text, int at) {
    int end = at + 1;
    while (end < text.length() && isUserInfoChar(text.charAt(end))) {
      end++;
    }
    return end < text.length() && text.charAt(end) == '@' ? new int[] {at + 1, end} : null;
  }

  private static boolean isUserInfoChar(char c) {
    return Character.isLetterOrDigit(c) || "-._~%!$&'()*+,;=".indexOf(c) >= 0;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c)
        || c == '_'
        || c == '-'
        || c == '.'
        || c == '%'
        || c == '['
        || c == ']';
  }

  private static boolean isValueEnd(char c) {
    return Character.isWhitespace(c)
        || c == '&'
        || c == ';'
        || c == ','
        || c == '"'
        || c == '\''
        || c == '<'
        || c == '>'
        || c == ')'
        || c == '}'
        || c == ']'
        || c == '#';
  }

  /** Replaces card numbers. */
  private static String cards(String text) {
    StringBuilder out = null;
    int copied = 0;
    int n = text.length();
    int i = 0;
    // Only a run that could hold a card number is split into groups: UUIDs, hashes, timestamps and
    // trace ids, in nearly every captured string, cost no allocation.
    List<int[]> groups = null;
    while (i < n) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int chainEnd = chainEnd(text, i);
      // Digits glued to letters are part of an identifier (a UUID, a hash), not a card number.
      if ((i > 0 && Character.isLetter(text.charAt(i - 1)))
          || (chainEnd < n && Character.isLetter(text.charAt(chainEnd)))
          || digitCount(text, i, chainEnd) < MIN_CARD_DIGITS) {
        i = chainEnd;
        continue;
      }
      if (groups == null) {
        groups = new ArrayList<>();
      }
      groups.clear();
      for (int start = i; start < chainEnd; ) {
        int end = start;
        while (end < chainEnd && isDigit(text.charAt(end))) {
          end++;
        }
        groups.add(new int[] {start, end});
        start = end + 1;
      }
      int g = 0;
      while (g < groups.size()) {
        int last = card(text, groups, g);
        if (last < 0) {
          g++;
          continue;
        }
        if (out == null) {
          out = new StringBuilder(n);
        }
        out.append(text, copied, groups.get(g)[0]).append(Redaction.MARKER);
        copied = groups.get(last)[1];
        g = last + 1;
      }
      i = chainEnd;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, n).toString();
  }

  /**
   * Where the run of digit groups starting at {@code from} ends: groups joined by one space or
   * hyphen, as card numbers are printed.
   */
  private static int chainEnd(String text, int from) {
    int n = text.length();
    int end = from;
    while (true) {
      while (end < n && isDigit(text.charAt(end))) {
        end++;
      }
      if (end + 1 < n
          && (text.charAt(end) == ' ' || text.charAt(end) == '-')
          && isDigit(text.charAt(end + 1))) {
        end++;
      } else {
        return end;
      }
    }
  }

  private static int digitCount(String text, int from, int to) {
    int digits = 0;
    for (int i = from; i < to; i++) {
      if (isDigit(text.charAt(i))) {
        digits++;
      }
    }
    return digits;
  }

  /**
   * The last group of the longest card number starting at group {@code first}, or {@code -1}.
   * Groups cover at most 19 digits, so this looks at a bounded number of candidates.
   */
  private static int card(String text, List<int[]> groups, int first) {
    if (text.charAt(groups.get(first)[0]) < '2' || text.charAt(groups.get(first)[0]) > '6') {
      return -1;
    }
    int digits = 0;
    int last = first;
    while (last < groups.size()) {
      int length = groups.get(last)[1] - groups.get(last)[0];
      if (digits + length > MAX_CARD_DIGITS) {
        break;
      }
      digits += length;
      last++;
    }
    for (int end = last - 1; end >= first; end--) {
      int count = 0;
      for (int g = first; g <= end; g++) {
        count += groups.get(g)[1] - groups.get(g)[0];
      }
      if (count >= MIN_CARD_DIGITS
          && cardShaped(text, groups, first, end)
          && luhn(text, groups, first, end)) {
        return end;
      }
    }
    return -1;
  }

  /**
   * Whether digits look like a card number before the Luhn check, which one number in ten passes by
   * chance: grouped as cards are printed (fours, with a shorter last group, or Amex's 4-6-5 and
   * Diners' 4-6-4), and, when they start with 2, in Mastercard's 2221 to 2720, so that dates and
   * times such as the {@code 20261205-204302} of a run id stay readable.
   */
  private static boolean cardShaped(String text, List<int[]> groups, int first, int end) {
    if (end > first && !printedGrouping(groups, first, end)) {
      return false;
    }
    int start = groups.get(first)[0];
    if (text.charAt(start) != '2') {
      return true;
    }
    int prefix = Integer.parseInt(text, start, start + 4, 10);
    return prefix >= 2221 && prefix <= 2720;
  }

  private static boolean printedGrouping(List<int[]> groups, int first, int end) {
    if (length(groups, first) != 4) {
      return false;
    }
    if (end - first == 2 && length(groups, first + 1) == 6) {
      int last = length(groups, end);
      return last == 5 || last == 4;
    }
    for (int g = first + 1; g < end; g++) {
      if (length(groups, g) != 4) {
        return false;
      }
    }
    return length(groups, end) <= 4;
  }

  private static int length(List<int[]> groups, int g) {
    return groups.get(g)[1] - groups.get(g)[0];
  }

  private static boolean luhn(String text, List<int[]> groups, int first, int last) {
    int sum = 0;
    boolean twice = false;
    for (int g = last; g >= first; g--) {
      for (int i = groups.get(g)[1] - 1; i >= groups.get(g)[0]; i--) {
        int digit = text.charAt(i) - '0';
        if (twice) {
          digit *= 2;
          if (digit > 9) {
            digit -= 9;
          }
        }
        sum += digit;
        twice = !twice;
      }
    }
    return sum % 10 == 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
