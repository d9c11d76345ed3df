package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.core.capture.Redaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the column a bind parameter is bound to, where a short scan of the statement can tell, so
 * that values bound to secret columns ({@code password}, {@code api_token}...) are redacted like
 * secret JSON keys. Two shapes are understood:
 *
 * <ul>
 *   <li>{@code INSERT INTO t (a, b) VALUES (?, ?)} (also several rows, and {@code REPLACE}): each
 *       {@code ?} that is a whole value gets the column at its position;
 *   <li>{@code column = ?} anywhere ({@code SET password = ?}, {@code WHERE t.token = ?}).
 * </ul>
 *
 * Everything else ({@code ?} inside expressions, {@code LIKE ?}, {@code IN (?)}, {@code INSERT}
 * without a column list, {@code INSERT ... SELECT}, stored procedure calls) is not mapped, and its
 * values are recorded as bound. A scan, not a parser: it never fails a statement.
 */
final class BindColumns {

  /** Enough for statements with hundreds of columns, bounded for generated giants. */
  private static final int MAX_TOKENS = 20_000;

  private BindColumns() {}

  /**
   * The 1-based indexes of the parameters bound to a secret column.
   *
   * @param sql the statement
   * @param redaction decides which column names are secret
   * @return the indexes, empty when none is known to be secret
   */
  static Set<Integer> secretIndexes(String sql, Redaction redaction) {
    return secretIndexes(columns(sql), redaction);
  }

  /**
   * The 1-based indexes of the parameters bound to a secret column.
   *
   * @param columns the columns of the parameters, as {@link #columns} finds them
   * @param redaction decides which column names are secret
   * @return the indexes, empty when none is known to be secret
   */
  static Set<Integer> secretIndexes(Map<Integer, String> columns, Redaction redaction) {
    Set<Integer> secret = new HashSet<>();
    columns.forEach(
        (index, column) -> {
          if (redaction.isSecret(column)) {
            secret.add(index);
          }
        });
    return secret;
  }

  /**
   * The column of each parameter whose column is known.
   *
   * @param sql the statement
   * @return parameter index (1-based) to column name, unquoted and unqualified
   */
  static Map<Integer, String> columns(String sql) {
    List<String> tokens = SqlNames.tokens(sql == null ? "" : sql, MAX_TOKENS);
    Map<Integer, String> byToken = valueColumns(tokens);
    Map<Integer, String> columns = new HashMap<>();
    int index = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).equals("?")) {
        index++;
        String column = byToken.get(i);
        if (column != null) {
          columns.put(index, column);
        }
      }
    }
    return columns;
  }

  /**
   * Finds the redacted string literals of a statement: those whose column, found as for bind
   * values, is secret ({@code SET password = 'x'}, {@code INSERT INTO users (name, password) VALUES
   * ('ann', 'x')}); also after {@code LIKE}.
   *
   * @param sql the statement
   * @param redaction decides which column names are secret
   * @return the statement with each such literal replaced by {@code '[REDACTED]'}; the same
   *     instance when there is none
   */
  static String redactLiterals(String sql, Redaction redaction) {
    if (sql == null || sql.indexOf('\'') < 0) {
      return sql;
    }
    List<int[]> literals = new ArrayList<>();
    List<String> tokens = SqlNames.tokens(sql, MAX_TOKENS, literals);
    Map<Integer, String> byToken = valueColumns(tokens);
    StringBuilder out = null;
    int copied = 0;
    int literal = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (!isLiteral(tokens.get(i))) {
        continue;
      }
      int[] span = literals.get(literal++);
      String column = byToken.get(i);
      if (column == null && i >= 2 && tokens.get(i - 1).equalsIgnoreCase("LIKE")) {
        column = SqlNames.isIdentifier(tokens.get(i - 2)) ? tokens.get(i - 2) : null;
      }
      if (column != null && redaction.isSecret(SqlNames.unquote(column))) {
        if (out == null) {
          out = new StringBuilder(sql.length());
        }
        out.append(sql, copied, span[0]).append('\'').append(Redaction.MARKER).append('\'');
        copied = span[1];
      }
    }
    return out == null ? sql : out.append(sql, copied, sql.length()).toString();
  }

  /**
   * The column of each value token ({@code ?} or a string literal) whose column is known.
   *
   * @param tokens the statement's tokens
   * @return token index to column name, unquoted and unqualified
   */
  private static Map<Integer, String> valueColumns(List<String> tokens) {
    Map<Integer, String> byToken = new HashMap<>();
    insertValues(tokens, byToken);
    for (int i = 2; i < tokens.size(); i++) {
      if (isValue(tokens.get(i))
          && tokens.get(i - 1).equals("=")
          && SqlNames.isIdentifier(tokens.get(i - 2))
          && !byToken.containsKey(i)) {
        byToken.put(i, SqlNames.unquote(tokens.get(i - 2)));
      }
    }
    return byToken;
  }

  private static boolean isLiteral(String token) {
    return token.charAt(0) == '\'';
  }

  private static boolean isValue(String token) {
    return token.equals("?") || isLiteral(token);
  }

  /**
   * Maps the values ({@code ?} or literals) of {@code INSERT INTO t (columns) VALUES (...), (...)}
   * by position.
   */
  private static void insertValues(List<String> tokens, Map<Integer, String> byToken) {
    if (tokens.isEmpty()) {
      return;
    }
    String verb = tokens.get(0).toUpperCase(Locale.ROOT);
    if (!verb.equals("INSERT") && !verb.equals("REPLACE")) {
      return;
    }
    int i = 1;
    while (i < tokens.size() && !tokens.get(i).equalsIgnoreCase("INTO")) {
      if (!SqlNames.isIdentifier(tokens.get(i))) {
        return;
      }
      i++;
    }
    // The table, possibly qualified.
    i++;
    if (i >= tokens.size() || !SqlNames.isIdentifier(tokens.get(i))) {
      return;
    }
    i++;
    while (i + 1 < tokens.size() && tokens.get(i).equals(".")) {
      i += 2;
    }
    List<String> columns = new ArrayList<>();
    if (i >= tokens.size() || !tokens.get(i).equals("(")) {
      return;
    }
    i++;
    while (i + 1 < tokens.size() && SqlNames.isIdentifier(tokens.get(i))) {
      columns.add(SqlNames.unquote(tokens.get(i)));
      String separator = tokens.get(i + 1);
      i += 2;
      if (separator.equals(")")) {
        break;
      }
      if (!separator.equals(",")) {
        return;
      }
    }
    if (columns.isEmpty()
        || !tokens.get(i - 1).equals(")")
        || i >= tokens.size()
        || !tokens.get(i).equalsIgnoreCase("VALUES")) {
      return;
    }
    i++;
    int depth = 0;
    int position = 0;
    for (; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals("(")) {
        depth++;
        if (depth == 1) {
          position = 0;
        }
      } else if (token.equals(")")) {
        depth--;
      } else if (depth == 0 && !token.equals(",")) {
        // The rows are over: ON CONFLICT, ON DUPLICATE KEY UPDATE, RETURNING...
        return;
      } else if (depth == 1 && token.equals(",")) {
        position++;
      } else if (depth == 1
          && isValue(token)
          && (tokens.get(i - 1).equals("(") || tokens.get(i - 1).equals(","))
          && i + 1 < tokens.size()
          && (tokens.get(i + 1).equals(",") || tokens.get(i + 1).equals(")"))
          && position < columns.size()) {
        byToken.put(i, columns.get(position));
      }
    }
  }
}
