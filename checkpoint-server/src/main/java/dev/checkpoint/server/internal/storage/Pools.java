package dev.checkpoint.server.internal.storage;

import com.zaxxer.hikari.HikariDataSource;

/** The connection pools of a store: writes go to {@code writer}, queries to {@code reader}. */
record Pools(HikariDataSource writer, HikariDataSource reader) implements AutoCloseable {

  @Override
  public void close() {
    reader.close();
    if (writer != reader) {
      writer.close();
    }
  }
}
