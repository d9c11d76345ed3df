package dev.checkpoint.server.internal.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * SQLite in WAL mode: one writer connection, so that concurrent batches queue in the pool instead
 * of failing with SQLITE_BUSY, and a pool of readers that never block the writer.
 */
final class SqliteDialect implements Dialect {
  private static final String PREFIX = "jdbc:sqlite:";
  private static final int BUSY_TIMEOUT_MILLIS = 10_000;
  private static final int WRITER_CACHE_KIB = 64 * 1024;
  private static final int PAGE_SIZE = 8192;

  @Override
  public boolean singleWriter() {
    return true;
  }

  @Override
  public boolean defersSearchIndex() {
    return false;
  }

  @Override
  public String newestFirst() {
    // The index on start_nanos holds the rowid, so it gives this order as it is: with trace_id
    // and id as the tie-breakers SQLite read every match into a temporary B-tree to sort them
    // (0.8 s for a kind among a million checkpoints, against 0.2 ms).
    return "c.start_nanos DESC, c.rowid DESC";
  }

  @Override
  public boolean searchesInWindows() {
    // Every search walks the start_nanos index newest first and stops after a page (see
    // newestFirst); windows would only read the newer ones again.
    return false;
  }

  @Override
  public String migrations() {
    return "classpath:db/sqlite";
  }

  @Override
  public Pools openPools(StorageSettings settings) {
    Path file = file(settings.url());
    if (file != null) {
      createParentDirectory(file);
      createWithPageSize(settings.url(), file);
    }
    HikariDataSource writer = new HikariDataSource(config(settings, "writer", 1));
    try {
      return new Pools(
          writer, new HikariDataSource(config(settings, "reader", settings.poolSize())));
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  private static HikariConfig config(StorageSettings settings, String role, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("checkpoint-sqlite-" + role);
    config.setJdbcUrl(settings.url());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(BUSY_TIMEOUT_MILLIS);
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", settings.sqliteSynchronous());
    config.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
    config.addDataSourceProperty("foreign_keys", "false");
    if (role.equals("writer")) {
      // The writer's inserts walk the table and index B-trees; with the default 2 MB page cache
      // it rereads their pages from the file at every batch. 64 MB halved the insert time.
      config.addDataSourceProperty("cache_size", String.valueOf(-WRITER_CACHE_KIB));
    }
    return config;
  }

  /** The database file of a URL, or null for an in-memory database or a {@code file:} URI. */
  private static Path file(String url) {
    String file = url.substring(PREFIX.length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
      return null;
    }
    return Path.of(file).toAbsolutePath();
  }

  private static void createParentDirectory(Path file) {
    Path parent = file.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Unable to create the SQLite directory "
              + parent
              + ". Make it writable or set db.url to a file in a writable directory.",
          e);
    }
  }

  /**
   * A checkpoint row takes about 1.5 KB: a 4 KiB page, SQLite's default, holds two and leaves a
   * quarter of itself empty, an 8 KiB page holds five. That made a raw insert about a fifth cheaper
   * per row. The page size is fixed once a file is in WAL mode, and the driver applies {@code
   * journal_mode} before {@code page_size}, so a new file is created on a connection of its own. An
   * existing file keeps its page size.
   */
  private static void createWithPageSize(String url, Path file) {
    if (Files.exists(file)) {
      return;
    }
    Properties properties = new Properties();
    properties.setProperty("page_size", String.valueOf(PAGE_SIZE));
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
    } catch (SQLException e) {
      throw new StorageUnavailableException(
          "Unable to create the SQLite database "
              + file
              + ": "
              + e.getMessage()
              + ". Make its directory writable or set db.url to a file in a writable directory.",
          e);
    }
  }

  @Override
  public void appendTextPredicate(StringBuilder sql, List<Object> parameters, String text) {
    // A scan (see the migration for why there is no index); instr takes the text literally, with
    // the same substring semantics as ILIKE on PostgreSQL. lower() folds ASCII letters only.
    sql.append(
        " AND instr(lower(coalesce(c.input, '') || char(10) || coalesce(c.output, '')"
            + " || char(10) || coalesce(c.error, '')), lower(?)) > 0");
    parameters.add(text);
  }

  @Override
  public void appendLabelPredicate(
      StringBuilder sql, List<Object> parameters, String key, String value) {
    sql.append(" AND json_extract(r.labels, ?) = ?");
    parameters.add("$.\"" + key.replace("\"", "\\\"") + '"');
    parameters.add(value);
  }
}
