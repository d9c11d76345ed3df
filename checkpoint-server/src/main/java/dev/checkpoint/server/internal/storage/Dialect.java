package dev.checkpoint.server.internal.storage;

import java.util.List;

/** What differs between the databases: migrations, connection pools and two search predicates. */
interface Dialect {

  /** Flyway location of this database's migrations. */
  String migrations();

  /**
   * Whether the database takes one writer at a time; its batches are then committed in groups by
   * one thread instead of queueing for the connection.
   */
  boolean singleWriter();

  /**
   * Whether new checkpoints join the free-text index later, through a {@link SearchIndexer}, rather
   * than when they are inserted.
   */
  boolean defersSearchIndex();

  /** Opens the pools: a writer and a reader, which may be the same pool. */
  Pools openPools(StorageSettings settings);

  /**
   * Appends a predicate on the checkpoints table aliased {@code c} that holds when input, output or
   * error contain {@code text}, ignoring case.
   */
  void appendTextPredicate(StringBuilder sql, List<Object> parameters, String text);

  /**
   * The order of search results on the checkpoints table aliased {@code c}: newest first, ties in
   * an order that stays the same from one page to the next, and an order the {@code start_nanos}
   * index gives without sorting the matches (a search of a common kind among ten million
   * checkpoints must stop after a page of them).
   */
  String newestFirst();

  /**
   * Whether a search runs in widening windows of start time rather than over every checkpoint at
   * once: where the planner may fetch and sort every match of a common word for one page.
   */
  boolean searchesInWindows();

  /** Appends a predicate on the runs table aliased {@code r}: label {@code key} equals value. */
  void appendLabelPredicate(StringBuilder sql, List<Object> parameters, String key, String value);

  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return new SqliteDialect();
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    throw new IllegalArgumentException(
        "Unsupported database URL '"
            + jdbcUrl
            + "'. Use jdbc:sqlite:<file> (the default) or jdbc:postgresql://<host>/<database>.");
  }
}
