package dev.checkpoint.core.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.assets.replay.ReplayViews;
import dev.checkpoint.core.LiveRedaction;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recorded outcome of one SQL execution, taken from the ledger: its rows, update count (one per
 * batch item for a batch), generated keys, or the error the database gave, thrown again as the
 * {@link SQLException} (or {@link BatchUpdateException}) the driver threw.
 */
final class RecordedExecution {
  private final JsonNode output;

  private RecordedExecution(JsonNode output) {
    this.output = output;
  }

  /**
   * Takes the recorded execution that matches an actual one from the ledger.
   *
   * @param input the actual execution, from {@link ReplayViews#sql}
   * @throws SQLException the ledger's explanation when nothing matches, or the recorded error
   */
  static RecordedExecution take(ReplayLedger ledger, ObjectNode input) throws SQLException {
    Optional<ReplayLedger.Entry> match =
        ledger.take(ReplayViews.Protocol.SQL, LiveRedaction.redact(input.deepCopy()));
    if (match.isEmpty()) {
      throw new SQLException(ledger.lastFailure(), "CPR01");
    }
    ReplayLedger.Entry entry = match.get();
    JsonNode output = entry.checkpoint().output();
    Optional<JsonNode> error = entry.checkpoint().error();
    if (error.isPresent()) {
      throw recordedError(error.get(), entry.checkpoint().fields().path("attributes"), output);
    }
    return new RecordedExecution(output);
  }

  private static SQLException recordedError(JsonNode error, JsonNode attributes, JsonNode output) {
    SQLException exception =
        new SQLException(
            error.path("message").asText("recorded SQL error"),
            attributes.path("sql.state").isTextual() ? attributes.path("sql.state").asText() : null,
            attributes.path("sql.vendorCode").asInt(0));
    JsonNode counts = output.path("updateCount");
    if (!counts.isArray()) {
      return exception;
    }
    int[] done = new int[counts.size()];
    for (int i = 0; i < done.length; i++) {
      done[i] = counts.get(i).asInt();
    }
    return new BatchUpdateException(
        exception.getMessage(), exception.getSQLState(), exception.getErrorCode(), done, exception);
  }

  /** A recorded result: its rows and columns. */
  record Result(List<JsonNode> rows, List<ReplayColumn> columns) {
    static final Result EMPTY = new Result(List.of(), List.of());

    static Result of(JsonNode rows, JsonNode columns) {
      List<JsonNode> list = new ArrayList<>();
      rows.forEach(list::add);
      return new Result(list, ReplayColumn.of(columns, list));
    }
  }

  /** The recorded result set, or {@code null} when the execution returned none. */
  Result rows() {
    JsonNode rows = output.path("rows");
    return rows.isArray() ? Result.of(rows, output.get("columns")) : null;
  }

  /** The recorded update count, or -1 when there is none. */
  long updateCount() {
    JsonNode count = output.path("updateCount");
    return count.isNumber() ? count.asLong() : -1;
  }

  /** The recorded generated keys, or {@code null}. */
  Result generatedKeys() {
    JsonNode keys = output.path("generatedKeys");
    return keys.isArray() ? Result.of(keys, output.get("generatedKeyColumns")) : null;
  }

  /** The update count of each of a batch's {@code size} items, as recorded when known. */
  long[] batchCounts(int size) {
    JsonNode counts = output.path("updateCount");
    int length = counts.isArray() ? counts.size() : size;
    long[] result = new long[length];
    for (int i = 0; i < length; i++) {
      result[i] = counts.isArray() ? counts.get(i).asLong() : Statement.SUCCESS_NO_INFO;
    }
    return result;
  }
}
