package dev.checkpoint.core.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A column of a replayed result, as the JDBC instrumentation described it: its label, the key of
 * its values in the recorded rows (a repeated label has its position, {@code ID#8}), its SQL type
 * name and JDBC type ({@link Types}).
 */
record ReplayColumn(String label, String key, String typeName, int jdbcType) {

  /* What rows recorded without column descriptions say of their columns: nothing. */
  private static final String UNKNOWN_TYPE = "JSON";

  /**
   * The columns of a recorded result in select-list order: from the recorded {@code columns} when
   * there are, else the fields of the rows in the order they appear.
   */
  static List<ReplayColumn> of(JsonNode described, List<JsonNode> rows) {
    List<ReplayColumn> columns = new ArrayList<>();
    if (described != null && described.isArray()) {
      for (JsonNode column : described) {
        String label = column.path("label").asText();
        columns.add(
            new ReplayColumn(
                label,
                column.path("key").asText(label),
                column.path("type").asText(UNKNOWN_TYPE),
                column.path("jdbcType").asInt(Types.JAVA_OBJECT)));
      }
      return columns;
    }
    List<String> names = new ArrayList<>();
    for (JsonNode row : rows) {
      row.fieldNames()
          .forEachRemaining(
              name -> {
                if (!names.contains(name)) {
                  names.add(name);
                }
              });
    }
    for (String name : names) {
      columns.add(new ReplayColumn(name, name, UNKNOWN_TYPE, Types.JAVA_OBJECT));
    }
    return columns;
  }
}
