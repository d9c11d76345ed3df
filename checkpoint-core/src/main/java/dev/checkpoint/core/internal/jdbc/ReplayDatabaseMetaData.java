package dev.checkpoint.core.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.replay.ReplayLedger;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Supplier;

/** What a replayed connection says of its "database": that it is a replay. */
final class ReplayDatabaseMetaData extends ReplayHandler {
  private final Object connection;
  private final Supplier<ReplayLedger> ledgers;

  ReplayDatabaseMetaData(Object connection, Supplier<ReplayLedger> ledgers) {
    this.connection = connection;
    this.ledgers = ledgers;
  }

  /**
   * An attribute the JDBC instrumentation recorded about the database, such as {@code
   * db.product.name}, so that statements replayed through a recording connection record the same.
   */
  private Optional<String> recorded(String attribute) {
    for (CheckpointNode node : ledgers.get().recorded()) {
      JsonNode value = node.fields().path("attributes").path(attribute);
      if (node.kind().equals("SQL") && value.isTextual()) {
        return Optional.of(value.asText());
      }
    }
    return Optional.empty();
  }

  private int versionPart(int index) {
    String[] parts = recorded("db.product.version").orElse("1.0").split("\\.");
    try {
      return Integer.parseInt(parts[Math.min(index, parts.length - 1)]);
    } catch (NumberFormatException e) {
      return index == 0 ? 1 : 0;
    }
  }

  @Override
  Object handle(Method method, String name, Object[] args) throws Exception {
    switch (name) {
      case "getConnection":
        return connection;
      case "getDatabaseProductName":
        return recorded("db.product.name").orElse("Checkpoint replay");
      case "getDatabaseMajorVersion":
        return versionPart(0);
      case "getDatabaseMinorVersion":
        return versionPart(1);
      case "getDatabaseProductVersion":
      case "getDriverVersion":
        return "1";
      case "getDriverName":
        return "checkpoint replay";
      case "getURL":
        return "jdbc:checkpoint-replay:";
      default:
        return defaults(method);
    }
  }

  @Override
  String describe() {
    return "DatabaseMetaData";
  }
}
