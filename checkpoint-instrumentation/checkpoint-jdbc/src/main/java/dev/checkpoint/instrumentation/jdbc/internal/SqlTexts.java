package dev.checkpoint.instrumentation.jdbc.internal;

import dev.checkpoint.core.capture.Redaction;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the scans of {@link SqlNames} and {@link BindColumns} find in a statement text, kept per
 * text: an application runs the same few statements again and again, each on a new statement object
 * (and often a new connection), so the text is scanned once instead of on every execution.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} texts of at most {@value #MAX_TEXT_LENGTH} characters;
 * when full it is emptied and fills again with the statements in use, so that an application that
 * builds its statements with inline values costs a scan per execution, as without the cache, and
 * never more memory.
 */
final class SqlTexts {

  static final int MAX_ENTRIES = 512;
  static final int MAX_TEXT_LENGTH = 8 * 1024;

  private static final Map<String, Scanned> SCANNED = new ConcurrentHashMap<>();

  private SqlTexts() {}

  /** A statement's checkpoint name and the columns of its bind parameters. */
  private record Scanned(String name, Map<Integer, String> columns) {}

  /**
   * The checkpoint name of a statement; see {@link SqlNames#name}.
   *
   * @param sql the SQL text, may be {@code null}
   * @return the name
   */
  static String name(String sql) {
    return sql == null ? SqlNames.name(null) : scanned(sql).name();
  }

  /**
   * The 1-based indexes of the parameters bound to a secret column; see {@link
   * BindColumns#columns}.
   *
   * @param sql the statement
   * @param redaction decides which column names are secret
   * @return the indexes, empty when none is known to be secret
   */
  static Set<Integer> secretIndexes(String sql, Redaction redaction) {
    return BindColumns.secretIndexes(scanned(sql).columns(), redaction);
  }

  private static Scanned scanned(String sql) {
    Scanned known = SCANNED.get(sql);
    if (known != null) {
      return known;
    }
    Scanned scanned = new Scanned(SqlNames.name(sql), Map.copyOf(BindColumns.columns(sql)));
    if (sql.length() <= MAX_TEXT_LENGTH) {
      if (SCANNED.size() >= MAX_ENTRIES) {
        SCANNED.clear();
      }
      SCANNED.put(sql, scanned);
    }
    return scanned;
  }

  /**
   * How many texts are kept, for tests.
   *
   * @return the count
   */
  static int size() {
    return SCANNED.size();
  }
}
