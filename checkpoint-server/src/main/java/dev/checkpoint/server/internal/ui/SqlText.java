package dev.checkpoint.server.internal.ui;

import java.util.Locale;
import java.util.Set;

/**
 * Lays out a SQL statement for reading: each main clause on its own line. Only whitespace outside
 * quotes changes, so the statement means what it meant.
 */
final class SqlText {
  private static final Set<String> CLAUSES =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "GROUP",
          "ORDER",
          "HAVING",
          "LIMIT",
          "OFFSET",
          "JOIN",
          "LEFT",
          "RIGHT",
          "INNER",
          "OUTER",
          "FULL",
          "CROSS",
          "UNION",
          "VALUES",
          "SET",
          "INSERT",
          "UPDATE",
          "DELETE",
          "RETURNING",
          "ON");
  private static final Set<String> JOINED_TO_PREVIOUS = Set.of("JOIN", "OUTER");
  private static final Set<String> INDENTED = Set.of("AND", "OR", "ON");

  private SqlText() {}

  static String format(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 32);
    String previousWord = "";
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closing(sql, i, c);
        out.append(sql, i, end);
        previousWord = "";
        i = end;
      } else if (Character.isWhitespace(c)) {
        int end = i;
        while (end < sql.length() && Character.isWhitespace(sql.charAt(end))) {
          end++;
        }
        String word = word(sql, end).toUpperCase(Locale.ROOT);
        boolean breakLine =
            out.length() > 0
                && CLAUSES.contains(word)
                && !(JOINED_TO_PREVIOUS.contains(word) && CLAUSES.contains(previousWord));
        out.append(breakLine ? (INDENTED.contains(word) ? "\n  " : "\n") : " ");
        i = end;
      } else {
        String word = word(sql, i);
        if (word.isEmpty()) {
          out.append(c);
          i++;
        } else {
          out.append(word);
          previousWord = word.toUpperCase(Locale.ROOT);
          i += word.length();
        }
      }
    }
    return out.toString().strip();
  }

  private static int closing(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  private static String word(String sql, int from) {
    int end = from;
    while (end < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
      end++;
    }
    return sql.substring(from, end);
  }
}
