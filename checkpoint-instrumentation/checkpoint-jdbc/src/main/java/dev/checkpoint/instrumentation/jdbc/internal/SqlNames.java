package dev.checkpoint.instrumentation.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names a SQL checkpoint after its statement: the verb and the first table ({@code SELECT orders},
 * {@code INSERT order_items}, {@code CREATE TABLE orders}, {@code CALL add_item}), or, when that is
 * not cheaply found, its first three words. A short scan of the first tokens, not a parser: names
 * must be stable across runs, not exact.
 */
final class SqlNames {

  private static final int MAX_WORDS = 3;
  private static final int MAX_LENGTH = 80;
  private static final int MAX_TOKENS = 200;

  /** Words between a DDL verb and the object's name that are not the object type. */
  private static final Set<String> DDL_MODIFIERS =
      Set.of("OR", "REPLACE", "TEMPORARY", "TEMP", "UNIQUE", "GLOBAL", "LOCAL", "UNLOGGED");

  private static final Set<String> EXISTENCE = Set.of("IF", "NOT", "EXISTS");

  private SqlNames() {}

  /**
   * The checkpoint name of a statement.
   *
   * @param sql the SQL text, may be {@code null}
   * @return the name, never empty
   */
  static String name(String sql) {
    List<String> tokens = tokens(sql == null ? "" : sql);
    if (tokens.isEmpty()) {
      return "SQL";
    }
    if (tokens.get(0).equals("{")) {
      // JDBC escape syntax: {call f(?)} or {? = call f(?)}
      int verbAt =
          tokens.size() > 3 && tokens.get(1).equals("?") && tokens.get(2).equals("=") ? 3 : 1;
      tokens = tokens.subList(Math.min(verbAt, tokens.size()), tokens.size());
    }
    String verb = tokens.isEmpty() ? "" : tokens.get(0).toUpperCase(Locale.ROOT);
    String table =
        switch (verb) {
          case "SELECT" -> identifierAfter(tokens, "FROM");
          case "INSERT", "REPLACE", "MERGE" -> identifierAfter(tokens, "INTO");
          case "DELETE" -> identifierAfter(tokens, "FROM");
          case "UPDATE" -> identifierAt(tokens, skipWords(tokens, 1, Set.of("ONLY", "IGNORE")));
          case "CALL", "EXEC", "EXECUTE" -> identifierAt(tokens, 1);
          case "CREATE", "DROP", "ALTER", "TRUNCATE" -> ddlObject(tokens);
          default -> null;
        };
    String name = table == null ? firstWords(tokens) : verb + " " + table;
    return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
  }

  /** Object type and name, such as {@code TABLE orders}; {@code TRUNCATE orders} has no type. */
  private static String ddlObject(List<String> tokens) {
    int i = skipWords(tokens, 1, DDL_MODIFIERS);
    if (i >= tokens.size() || !isWord(tokens.get(i))) {
      return null;
    }
    String type = tokens.get(i).toUpperCase(Locale.ROOT);
    int nameAt = skipWords(tokens, i + 1, EXISTENCE);
    String object = identifierAt(tokens, nameAt);
    if (type.equals("TABLE") || !tokens.get(0).equalsIgnoreCase("TRUNCATE")) {
      return object == null ? null : type + " " + object;
    }
    return identifierAt(tokens, skipWords(tokens, 1, EXISTENCE));
  }

  private static String identifierAfter(List<String> tokens, String keyword) {
    int depth = 0;
    for (int i = 1; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.equals("(")) {
        depth++;
      } else if (token.equals(")")) {
        depth--;
      } else if (depth == 0 && token.equalsIgnoreCase(keyword)) {
        return identifierAt(tokens, i + 1);
      }
    }
    return null;
  }

  private static int skipWords(List<String> tokens, int from, Set<String> words) {
    int i = from;
    while (i < tokens.size() && words.contains(tokens.get(i).toUpperCase(Locale.ROOT))) {
      i++;
    }
    return i;
  }

  /** A possibly qualified identifier starting at {@code i}, without quotes. */
  private static String identifierAt(List<String> tokens, int i) {
    if (i >= tokens.size() || !isIdentifier(tokens.get(i))) {
      return null;
    }
    StringBuilder name = new StringBuilder(unquote(tokens.get(i)));
    for (int j = i + 1;
        j + 1 < tokens.size() && tokens.get(j).equals(".") && isIdentifier(tokens.get(j + 1));
        j += 2) {
      name.append('.').append(unquote(tokens.get(j + 1)));
    }
    return name.toString();
  }

  private static String firstWords(List<String> tokens) {
    List<String> words = new ArrayList<>(MAX_WORDS);
    for (String token : tokens) {
      if (words.size() == MAX_WORDS || !isIdentifier(token)) {
        break;
      }
      words.add(words.isEmpty() ? token.toUpperCase(Locale.ROOT) : unquote(token));
    }
    return words.isEmpty() ? "SQL" : String.join(" ", words);
  }

  private static boolean isWord(String token) {
    return Character.isLetter(token.charAt(0)) || token.charAt(0) == '_';
  }

  static boolean isIdentifier(String token) {
    char first = token.charAt(0);
    return isWord(token) || first == '"' || first == '`' || first == '[';
  }

  static String unquote(String token) {
    char first = token.charAt(0);
    return first == '"' || first == '`' || first == '['
        ? token.substring(1, Math.max(1, token.length() - 1))
        : token;
  }

  /**
   * Splits the start of the statement into words, quoted identifiers and single punctuation
   * characters, skipping comments, string literals and numbers.
   */
  private static List<String> tokens(String sql) {
    return tokens(sql, MAX_TOKENS);
  }

  /**
   * Splits a statement into words, quoted identifiers and single punctuation characters ({@code ?}
   * among them), skipping comments, string literals and numbers.
   *
   * @param sql the SQL text
   * @param maxTokens where to stop
   * @return at most {@code maxTokens} tokens from the start
   */
  static List<String> tokens(String sql, int maxTokens) {
    return tokens(sql, maxTokens, null);
  }

  /**
   * Splits a statement into tokens as {@link #tokens(String, int)} does, and, when {@code literals}
   * is given, keeps string literals too: each as one token starting with {@code '}, its start and
   * end offsets in the statement added to {@code literals} in the same order.
   *
   * @param sql the SQL text
   * @param maxTokens where to stop
   * @param literals receives {@code {start, end}} of each literal, quotes included; {@code null} to
   *     skip literals
   * @return at most {@code maxTokens} tokens from the start
   */
  static List<String> tokens(String sql, int maxTokens, List<int[]> literals) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n && tokens.size() < maxTokens) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = indexOrEnd(sql, "\n", i + 2);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = indexOrEnd(sql, "*/", i + 2) + 2;
      } else if (c == '\'') {
        int start = i;
        i = indexOrEnd(sql, "'", i + 1) + 1;
        // A doubled quote is a quote inside the literal: 'it''s' is one literal.
        while (i < n && sql.charAt(i) == '\'') {
          i = indexOrEnd(sql, "'", i + 1) + 1;
        }
        i = Math.min(i, n);
        if (literals != null) {
          tokens.add(sql.substring(start, i));
          literals.add(new int[] {start, i});
        }
      } else if (c == '"' || c == '`' || c == '[') {
        int end = indexOrEnd(sql, c == '[' ? "]" : String.valueOf(c), i + 1);
        tokens.add(sql.substring(i, Math.min(n, end + 1)));
        i = end + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(sql.charAt(i))
                || sql.charAt(i) == '_'
                || sql.charAt(i) == '$')) {
          i++;
        }
        tokens.add(sql.substring(start, i));
      } else if (Character.isDigit(c)) {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
      } else {
        tokens.add(String.valueOf(c));
        i++;
      }
    }
    return tokens;
  }

  private static int indexOrEnd(String sql, String end, int from) {
    int at = sql.indexOf(end, from);
    return at < 0 ? sql.length() : at;
  }
}
