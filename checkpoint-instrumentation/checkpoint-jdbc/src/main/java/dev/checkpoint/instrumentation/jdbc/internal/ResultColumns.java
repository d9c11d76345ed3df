package dev.checkpoint.instrumentation.jdbc.internal;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recorded description of a result's columns, in select-list order: label, the key of the
 * column in the recorded rows (a repeated label, such as a join's two {@code ID} columns, gets its
 * position: {@code ID#8}), SQL type name and JDBC type.
 *
 * <p>Kept per statement text, as {@link SqlTexts} keeps its scans: the same statement returns the
 * same columns execution after execution, and describing them anew built a map per column each
 * time. A statement text can still return differently shaped results ({@code SELECT *} after a
 * column was added, renamed or retyped), so a kept description is used only when the result's
 * column count, labels and JDBC types are those it was made from; otherwise the result is described
 * anew and replaces it. The type name is not compared (a driver may query the catalogue for it): a
 * retype that keeps a column's JDBC type (PostgreSQL's {@code varchar} to {@code text}) keeps the
 * earlier name, which replay only reports through {@code getColumnTypeName}, until the entry is
 * replaced. Bounded like {@link SqlTexts}: emptied when full.
 *
 * <p>Shared by every execution of the text, so nothing in it can be changed: the list and the maps
 * are unmodifiable.
 */
final class ResultColumns {

  private static final Map<String, ResultColumns> KNOWN = new ConcurrentHashMap<>();

  private final String[] labels;
  private final int[] jdbcTypes;
  private final String[] keys;
  private final List<Map<String, Object>> described;

  private ResultColumns(
      String[] labels, int[] jdbcTypes, String[] keys, List<Map<String, Object>> described) {
    this.labels = labels;
    this.jdbcTypes = jdbcTypes;
    this.keys = keys;
    this.described = described;
  }

  /**
   * The columns of a result of {@code sql}: the kept description when it still fits.
   *
   * @param sql the statement text that gave the result, {@code null} when unknown (nothing is kept)
   * @param metaData the result's metadata
   * @return the columns
   * @throws SQLException when the metadata cannot be read
   */
  static ResultColumns of(String sql, ResultSetMetaData metaData) throws SQLException {
    int count = metaData.getColumnCount();
    ResultColumns known = sql == null ? null : KNOWN.get(sql);
    if (known != null && known.fits(metaData, count)) {
      return known;
    }
    ResultColumns columns = describe(metaData, count);
    if (sql != null && sql.length() <= SqlTexts.MAX_TEXT_LENGTH) {
      if (KNOWN.size() >= SqlTexts.MAX_ENTRIES) {
        KNOWN.clear();
      }
      KNOWN.put(sql, columns);
    }
    return columns;
  }

  /**
   * The key of each column in a recorded row, by position; not to be changed.
   *
   * @return the keys
   */
  String[] keys() {
    return keys;
  }

  /**
   * The recorded description, one unmodifiable map per column.
   *
   * @return the description
   */
  List<Map<String, Object>> described() {
    return described;
  }

  private boolean fits(ResultSetMetaData metaData, int count) throws SQLException {
    if (count != labels.length) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (metaData.getColumnType(i + 1) != jdbcTypes[i]
          || !Objects.equals(labels[i], metaData.getColumnLabel(i + 1))) {
        return false;
      }
    }
    return true;
  }

  private static ResultColumns describe(ResultSetMetaData metaData, int count) throws SQLException {
    String[] labels = new String[count];
    int[] jdbcTypes = new int[count];
    String[] keys = new String[count];
    List<Map<String, Object>> described = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String label = metaData.getColumnLabel(i + 1);
      String key = label;
      for (int j = 0; j < i; j++) {
        if (keys[j].equals(label)) {
          key = label + "#" + (i + 1);
          break;
        }
      }
      labels[i] = label;
      keys[i] = key;
      jdbcTypes[i] = metaData.getColumnType(i + 1);
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("label", label);
      column.put("key", key);
      column.put("type", metaData.getColumnTypeName(i + 1));
      column.put("jdbcType", jdbcTypes[i]);
      described.add(Collections.unmodifiableMap(column));
    }
    return new ResultColumns(labels, jdbcTypes, keys, Collections.unmodifiableList(described));
  }

  /**
   * How many texts are kept, for tests.
   *
   * @return the count
   */
  static int size() {
    return KNOWN.size();
  }
}
