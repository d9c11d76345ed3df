package dev.checkpoint.server.internal.storage;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;

/** The store on plain JDBC; the few statements that differ between databases are in a Dialect. */
public final class JdbcCheckpointStore implements CheckpointStore {
  private static final String CHECKPOINT_COLUMNS =
      "c.trace_id, c.id, c.parent_id, c.run_id, c.service, c.instance, c.kind, c.name,"
          + " c.start_nanos, c.end_nanos, c.thread, c.input, c.output, c.error, c.attributes,"
          + " c.truncated, c.redacted, c.batch_id";

  /**
   * The columns of {@link #CHECKPOINT_COLUMNS} without the payloads, which read as null: what a
   * summary shows. A root of a run's trees read whole brought its payloads (a kilobyte or more
   * each) from the database for a page that shows its name.
   */
  private static final String SUMMARY_COLUMNS =
      "c.trace_id, c.id, c.parent_id, c.run_id, c.service, c.instance, c.kind, c.name,"
          + " c.start_nanos, c.end_nanos, c.thread, NULL, NULL, c.error, NULL, NULL, NULL,"
          + " c.batch_id";

  private static final String INSERT_RUN =
      "INSERT INTO runs (id, name, scenario, labels, started_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";
  private static final String INSERT_RUN_TRACE =
      "INSERT INTO run_traces (run_id, trace_id) VALUES (?, ?)"
          + " ON CONFLICT (run_id, trace_id) DO NOTHING";
  private static final String TRACES_OF_RUN = "SELECT trace_id FROM run_traces WHERE run_id = ?";

  /**
   * The totals of a run's trees ({@code t}), oldest first: one row per tree, kept at ingestion,
   * instead of every checkpoint of the run aggregated on each request.
   */
  private static final String TREES_OF_RUN =
      " FROM run_traces rt JOIN trace_totals t ON t.trace_id = rt.trace_id WHERE rt.run_id = ?"
          + " ORDER BY t.start_nanos, t.trace_id";

  private static final Comparator<RunTrace> RUN_TRACE_ORDER =
      Comparator.comparing(RunTrace::runId).thenComparing(RunTrace::traceId);

  /**
   * Checkpoints deleted per transaction: each transaction holds the SQLite writer (and on
   * PostgreSQL the rows' locks) for tens of milliseconds, so retention never stalls ingestion long.
   */
  private static final int DELETE_CHUNK = 2_000;

  /** Traces of a run whose checkpoints one transaction deletes, up to {@link #DELETE_CHUNK}. */
  private static final int TRACES_PER_DELETE = 50;

  /** The first window of a search: an hour of checkpoints. */
  private static final long FIRST_WINDOW_NANOS = 3_600_000_000_000L;

  private static final int WINDOW_GROWTH = 8;

  /**
   * The newest checkpoints a free-text search reads first, without the trigram index: a word in a
   * fortieth of them or more fills a page of 50 there. Reading them costs about 15 µs each.
   */
  static final int NEWEST_FOR_TEXT = 2_000;

  /** Rows of a tree with payloads (a kilobyte or more each) fetched from PostgreSQL at a time. */
  private static final int TRACE_FETCH_SIZE = 200;

  private static final String RUN_COLUMNS =
      "r.id, r.name, r.scenario, r.labels, r.started_at, r.closed_at, r.noise";

  private final Dialect dialect;
  private final Pools pools;
  private final Clock clock;
  private final GroupCommit groupCommit;
  private final SearchIndexer searchIndexer;

  private JdbcCheckpointStore(Dialect dialect, Pools pools, Clock clock) {
    this.dialect = dialect;
    this.pools = pools;
    this.clock = clock;
    this.groupCommit =
        dialect.singleWriter()
            ? new GroupCommit(pools.writer().getPoolName(), this::insertAll)
            : null;
    this.searchIndexer = dialect.defersSearchIndex() ? SearchIndexer.start(pools.writer()) : null;
  }

  /** Connects, migrates the schema to the current version and returns the store. */
  public static JdbcCheckpointStore open(StorageSettings settings, Clock clock) {
    Dialect dialect = Dialect.of(settings.url());
    Pools pools = dialect.openPools(settings);
    try {
      var flyway = Flyway.configure().dataSource(pools.writer()).locations(dialect.migrations());
      if (settings.schema() != null) {
        flyway.schemas(settings.schema()).createSchemas(true);
      }
      flyway.load().migrate();
      return new JdbcCheckpointStore(dialect, pools, clock);
    } catch (RuntimeException e) {
      pools.close();
      throw e;
    }
  }

  @Override
  public IngestResult insert(List<Checkpoint> checkpoints) {
    if (checkpoints.isEmpty()) {
      return new IngestResult(0, 0);
    }
    return groupCommit != null
        ? groupCommit.submit(checkpoints)
        : insertAll(List.of(checkpoints)).get(0);
  }

  /** Inserts batches in one transaction; returns the result of each. */
  private List<IngestResult> insertAll(List<List<Checkpoint>> batches) {
    long now = clock.millis();
    return inTransaction(
        connection -> {
          List<IngestResult> results = new ArrayList<>(batches.size());
          TraceTotals inserted = new TraceTotals();
          // Prepared once for the whole group: the single writer's time is the ingestion rate.
          try (CheckpointInsert insert = new CheckpointInsert(connection);
              PreparedStatement insertRun = connection.prepareStatement(INSERT_RUN);
              PreparedStatement insertRunTrace = connection.prepareStatement(INSERT_RUN_TRACE)) {
            for (List<Checkpoint> checkpoints : batches) {
              insertRunsAndTraces(insertRun, insertRunTrace, checkpoints, now);
              int accepted = insert.insert(checkpoints, now, inserted);
              results.add(new IngestResult(accepted, checkpoints.size() - accepted));
            }
          }
          inserted.add(connection);
          return results;
        });
  }

  /** Creates the runs that are not known yet and records which traces each run has. */
  private static void insertRunsAndTraces(
      PreparedStatement insertRun,
      PreparedStatement insertRunTrace,
      List<Checkpoint> checkpoints,
      long now)
      throws SQLException {
    // Sorted: concurrent transactions on PostgreSQL then lock the keys they share in the same
    // order, so two batches with the same runs and traces cannot deadlock.
    Set<RunTrace> runTraces = new TreeSet<>(RUN_TRACE_ORDER);
    for (Checkpoint checkpoint : checkpoints) {
      if (checkpoint.runId() != null) {
        runTraces.add(new RunTrace(checkpoint.runId(), checkpoint.traceId()));
      }
    }
    if (runTraces.isEmpty()) {
      return;
    }
    String previousRunId = null;
    for (RunTrace runTrace : runTraces) {
      // The set is ordered by run first, so each run's traces are together.
      if (!runTrace.runId().equals(previousRunId)) {
        previousRunId = runTrace.runId();
        insertRun.setString(1, previousRunId);
        insertRun.setString(2, previousRunId);
        insertRun.setNull(3, Types.VARCHAR);
        insertRun.setString(4, "{}");
        insertRun.setLong(5, now);
        insertRun.addBatch();
      }
      insertRunTrace.setString(1, runTrace.runId());
      insertRunTrace.setString(2, runTrace.traceId());
      insertRunTrace.addBatch();
    }
    insertRun.executeBatch();
    insertRunTrace.executeBatch();
  }

  private record RunTrace(String runId, String traceId) {}

  @Override
  public RunChange upsertRun(RunUpdate update) {
    long now = clock.millis();
    return inTransaction(
        connection -> {
          boolean created;
          try (PreparedStatement insert = connection.prepareStatement(INSERT_RUN)) {
            insert.setString(1, update.id());
            insert.setString(2, update.name() == null ? update.id() : update.name());
            insert.setString(3, update.scenario());
            insert.setString(4, update.labels() == null ? "{}" : update.labels());
            insert.setLong(5, now);
            created = insert.executeUpdate() > 0;
          }
          if (!created || update.noise() != null) {
            try (PreparedStatement change =
                connection.prepareStatement(
                    "UPDATE runs SET name = coalesce(?, name), scenario = coalesce(?, scenario),"
                        + " labels = coalesce(?, labels), noise = coalesce(?, noise)"
                        + " WHERE id = ?")) {
              change.setString(1, update.name());
              change.setString(2, update.scenario());
              change.setString(3, update.labels());
              change.setString(4, update.noise());
              change.setString(5, update.id());
              change.executeUpdate();
            }
          }
          if (update.close()) {
            try (PreparedStatement close =
                connection.prepareStatement(
                    "UPDATE runs SET closed_at = ? WHERE id = ? AND closed_at IS NULL")) {
              close.setLong(1, now);
              close.setString(2, update.id());
              close.executeUpdate();
            }
          }
          return new RunChange(findRun(connection, update.id()).orElseThrow(), created);
        });
  }

  @Override
  public Optional<Run> run(String id) {
    return read(connection -> findRun(connection, id));
  }

  private static Optional<Run> findRun(Connection connection, String id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs r WHERE r.id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(toRun(rows)) : Optional.empty();
      }
    }
  }

  @Override
  public List<Run> runs(RunFilter filter, int limit, int offset) {
    StringBuilder sql = new StringBuilder("SELECT " + RUN_COLUMNS + " FROM runs r WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    if (filter.nameContains() != null) {
      sql.append(" AND lower(r.name) LIKE ? ESCAPE '\\'");
      parameters.add(containsPattern(filter.nameContains()));
    }
    if (filter.labelKey() != null) {
      dialect.appendLabelPredicate(sql, parameters, filter.labelKey(), filter.labelValue());
    }
    sql.append(" ORDER BY r.started_at DESC, r.id DESC LIMIT ? OFFSET ?");
    parameters.add(limit);
    parameters.add(offset);
    return list(sql.toString(), parameters, JdbcCheckpointStore::toRun);
  }

  @Override
  public List<TreeSummary> trees(String runId, int limit, int offset) {
    return read(
        connection -> {
          List<TreeSummary> trees = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT t.trace_id, t.checkpoints, t.start_nanos, t.end_nanos, t.errors"
                      + TREES_OF_RUN
                      + " LIMIT ? OFFSET ?")) {
            select.setString(1, runId);
            select.setInt(2, limit);
            select.setInt(3, offset);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                trees.add(
                    new TreeSummary(
                        rows.getString(1),
                        null,
                        0,
                        rows.getInt(2),
                        rows.getLong(3),
                        rows.getLong(4),
                        rows.getInt(5)));
              }
            }
          }
          return withRootsAndServices(connection, trees);
        });
  }

  /**
   * The page's trees with their roots and service counts, reading each tree's checkpoints once:
   * distinct services cannot be kept as a running count that deletes take away from, and reading
   * the root and the services apart read every checkpoint of the page twice, the root's read
   * sorting each tree as well.
   */
  private static List<TreeSummary> withRootsAndServices(
      Connection connection, List<TreeSummary> trees) throws SQLException {
    if (trees.isEmpty()) {
      return trees;
    }
    record Candidate(String id, boolean hasParent, long startNanos) {}
    // The root is the first checkpoint without a parent, else (its root has not arrived) the first.
    Comparator<Candidate> rootFirst =
        Comparator.comparing(Candidate::hasParent)
            .thenComparingLong(Candidate::startNanos)
            .thenComparing(Candidate::id);
    Map<String, Candidate> roots = new TreeMap<>();
    Map<String, Set<String>> services = new TreeMap<>();
    String traces = String.join(", ", Collections.nCopies(trees.size(), "?"));
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT c.trace_id, c.id, c.parent_id IS NOT NULL, c.start_nanos, c.service"
                + " FROM checkpoints c WHERE c.trace_id IN ("
                + traces
                + ")")) {
      for (int i = 0; i < trees.size(); i++) {
        select.setString(i + 1, trees.get(i).traceId());
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String traceId = rows.getString(1);
          Candidate candidate =
              new Candidate(rows.getString(2), rows.getBoolean(3), rows.getLong(4));
          roots.merge(
              traceId,
              candidate,
              (first, other) -> rootFirst.compare(first, other) <= 0 ? first : other);
          services.computeIfAbsent(traceId, trace -> new TreeSet<>()).add(rows.getString(5));
        }
      }
    }
    Map<String, Checkpoint> rootRows = new TreeMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + SUMMARY_COLUMNS
                + " FROM checkpoints c WHERE c.trace_id = ? AND c.id = ?")) {
      for (Map.Entry<String, Candidate> root : roots.entrySet()) {
        select.setString(1, root.getKey());
        select.setString(2, root.getValue().id());
        try (ResultSet rows = select.executeQuery()) {
          if (rows.next()) {
            rootRows.put(root.getKey(), toCheckpoint(rows));
          }
        }
      }
    }
    List<TreeSummary> withRoots = new ArrayList<>(trees.size());
    for (TreeSummary tree : trees) {
      withRoots.add(
          new TreeSummary(
              tree.traceId(),
              rootRows.get(tree.traceId()),
              services.getOrDefault(tree.traceId(), Set.of()).size(),
              tree.checkpointCount(),
              tree.startNanos(),
              tree.endNanos(),
              tree.errorCount()));
    }
    return withRoots;
  }

  /**
   * Numbers each run's trees by their start and totals the first {@code maxTrees}: one statement
   * for a page of runs, where one per run prepared, ran and sorted 25 statements for the UI's list.
   */
  @Override
  public Map<String, RunTotals> runTotals(List<String> runIds, int maxTrees) {
    Map<String, RunTotals> totals = new TreeMap<>();
    for (String runId : runIds) {
      totals.put(runId, new RunTotals(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE));
    }
    if (runIds.isEmpty()) {
      return totals;
    }
    List<Object> parameters = new ArrayList<>(runIds);
    parameters.add(maxTrees);
    for (RunTotalsRow row :
        list(
            "SELECT t.run_id, COUNT(*), SUM(t.checkpoints), SUM(t.errors), MIN(t.start_nanos),"
                + " MAX(t.end_nanos) FROM (SELECT rt.run_id, t.checkpoints, t.errors,"
                + " t.start_nanos, t.end_nanos, ROW_NUMBER() OVER (PARTITION BY rt.run_id"
                + " ORDER BY t.start_nanos, t.trace_id) AS n"
                + " FROM run_traces rt JOIN trace_totals t ON t.trace_id = rt.trace_id"
                + " WHERE rt.run_id IN ("
                + String.join(", ", Collections.nCopies(runIds.size(), "?"))
                + ")) t WHERE t.n <= ? GROUP BY t.run_id",
            parameters,
            rows ->
                new RunTotalsRow(
                    rows.getString(1),
                    new RunTotals(
                        rows.getInt(2),
                        rows.getInt(3),
                        rows.getInt(4),
                        rows.getLong(5),
                        rows.getLong(6))))) {
      totals.put(row.runId(), row.totals());
    }
    return totals;
  }

  private record RunTotalsRow(String runId, RunTotals totals) {}

  /**
   * Reads the rows as they come and stops at the first over the limits: the limits were checked by
   * a read of every payload's length before, which read each payload twice. On PostgreSQL the
   * driver holds a whole result unless it reads through a cursor, which takes a transaction and a
   * fetch size.
   */
  @Override
  public Optional<List<Checkpoint>> trace(
      String traceId, int maxCheckpoints, long maxPayloadChars) {
    return read(
        connection -> {
          connection.setAutoCommit(false);
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + CHECKPOINT_COLUMNS + " FROM checkpoints c WHERE c.trace_id = ?")) {
            select.setFetchSize(TRACE_FETCH_SIZE);
            select.setString(1, traceId);
            List<Checkpoint> checkpoints = new ArrayList<>();
            long payloadChars = 0;
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                Checkpoint checkpoint = toCheckpoint(rows);
                payloadChars += checkpoint.payloadChars();
                if (checkpoints.size() == maxCheckpoints || payloadChars > maxPayloadChars) {
                  return Optional.empty();
                }
                checkpoints.add(checkpoint);
              }
            }
            return Optional.of(checkpoints);
          } finally {
            connection.rollback();
          }
        });
  }

  @Override
  public void openSession(String id, String tokenDigest, long expiresAtMillis) {
    inTransaction(
        connection -> {
          try (PreparedStatement delete =
                  connection.prepareStatement("DELETE FROM ui_sessions WHERE expires_at < ?");
              PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO ui_sessions (id, token_digest, expires_at) VALUES (?, ?, ?)")) {
            // Expired sessions go whenever one opens, so the table stays small without a job.
            delete.setLong(1, clock.millis());
            delete.executeUpdate();
            insert.setString(1, id);
            insert.setString(2, tokenDigest);
            insert.setLong(3, expiresAtMillis);
            insert.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<String> sessionToken(String id, long nowMillis) {
    return list(
            "SELECT token_digest FROM ui_sessions WHERE id = ? AND expires_at > ?",
            List.of(id, nowMillis),
            rows -> rows.getString(1))
        .stream()
        .findFirst();
  }

  @Override
  public void closeSession(String id) {
    inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM ui_sessions WHERE id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
          }
          return null;
        });
  }

  /**
   * One read that also tells whether there are too many: the count was a read of every payload's
   * length before (with {@link #traceSize}), as long as the outline's own read on SQLite.
   */
  @Override
  public Optional<List<CheckpointOutline>> traceOutline(String traceId, int maxCheckpoints) {
    List<CheckpointOutline> outline =
        list(
            "SELECT c.trace_id, c.id, c.parent_id, c.run_id, c.service, c.kind, c.name,"
                + " c.start_nanos, c.end_nanos, CASE WHEN c.error IS NULL THEN 0 ELSE 1 END"
                + " FROM checkpoints c WHERE c.trace_id = ? LIMIT ?",
            List.of(traceId, (long) maxCheckpoints + 1),
            rows ->
                new CheckpointOutline(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getString(3),
                    rows.getString(4),
                    rows.getString(5),
                    rows.getString(6),
                    rows.getString(7),
                    rows.getLong(8),
                    rows.getLong(9),
                    rows.getInt(10) != 0));
    return outline.size() > maxCheckpoints ? Optional.empty() : Optional.of(outline);
  }

  @Override
  public List<CheckpointGroup> checkpointGroups(List<String> traceIds) {
    if (traceIds.isEmpty()) {
      return List.of();
    }
    return list(
        "SELECT c.trace_id, c.service, c.kind, c.name, COUNT(*) FROM checkpoints c"
            + " WHERE c.trace_id IN ("
            + String.join(", ", Collections.nCopies(traceIds.size(), "?"))
            + ") GROUP BY c.trace_id, c.service, c.kind, c.name"
            + " ORDER BY c.trace_id, c.service, c.kind, c.name",
        traceIds,
        rows ->
            new CheckpointGroup(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getInt(5)));
  }

  @Override
  public TraceSize traceSize(String traceId) {
    return list(
            "SELECT COUNT(*), COALESCE(SUM(COALESCE(LENGTH(c.input), 0)"
                + " + COALESCE(LENGTH(c.output), 0) + COALESCE(LENGTH(c.attributes), 0)"
                + " + COALESCE(LENGTH(c.error), 0)), 0)"
                + " FROM checkpoints c WHERE c.trace_id = ?",
            List.of(traceId),
            rows -> new TraceSize(rows.getInt(1), rows.getLong(2)))
        .get(0);
  }

  @Override
  public Optional<TraceCounts> traceCounts(String traceId) {
    record Group(String kind, String service, int count, long start, long end, int errors) {}
    List<Group> groups =
        list(
            "SELECT c.kind, c.service, COUNT(*), MIN(c.start_nanos), MAX(c.end_nanos),"
                + " SUM(CASE WHEN c.error IS NULL THEN 0 ELSE 1 END)"
                + " FROM checkpoints c WHERE c.trace_id = ? GROUP BY c.kind, c.service",
            List.of(traceId),
            rows ->
                new Group(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getInt(3),
                    rows.getLong(4),
                    rows.getLong(5),
                    rows.getInt(6)));
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> byKind = new TreeMap<>();
    Set<String> services = new TreeSet<>();
    for (Group group : groups) {
      byKind.merge(group.kind(), group.count(), Integer::sum);
      services.add(group.service());
    }
    return Optional.of(
        new TraceCounts(
            traceId,
            groups.stream().mapToInt(Group::count).sum(),
            groups.stream().mapToInt(Group::errors).sum(),
            Collections.unmodifiableMap(byKind),
            List.copyOf(services),
            groups.stream().mapToLong(Group::start).min().orElseThrow(),
            groups.stream().mapToLong(Group::end).max().orElseThrow()));
  }

  @Override
  public Optional<Checkpoint> checkpoint(String traceId, String id) {
    return list(
            "SELECT "
                + CHECKPOINT_COLUMNS
                + " FROM checkpoints c WHERE c.trace_id = ? AND c.id = ?",
            List.of(traceId, id),
            JdbcCheckpointStore::toCheckpoint)
        .stream()
        .findFirst();
  }

  /**
   * Searches newest first in windows of start time that end at the newest checkpoint (or {@code
   * to}) and widen {@value #WINDOW_GROWTH}-fold from {@link #FIRST_WINDOW_NANOS} until a page is
   * full or the window holds every checkpoint. A page found in a window is the page of the whole
   * search: every match it leaves out starts before all of the page. Without windows PostgreSQL
   * took its trigram index for a common word, fetched every match (a third of the table) and sorted
   * them all for one page: 16 to 20 s among a million checkpoints; in a window it stops after a
   * page.
   *
   * <p>Free text is not searched in windows: the planner guesses a word's matches from the trigram
   * index's statistics, which cannot count them, and took the index in every window for a word in
   * one checkpoint of twenty (60,000 matches read for a page, five times: 4 to 8 s among 1.2
   * million). It reads the {@value #NEWEST_FOR_TEXT} newest checkpoints first, where a common word
   * fills the page, and otherwise the whole range once, where the trigram index finds a rare word.
   * A search within a run reads only the run's trees, so it goes straight to them.
   */
  @Override
  public List<Checkpoint> search(CheckpointQuery query, int limit, int offset) {
    if (!dialect.searchesInWindows() || query.runId() != null) {
      return searchSince(query, query.fromNanos(), limit, offset);
    }
    if (query.text() != null) {
      List<Checkpoint> page = searchNewest(query, limit, offset);
      return page.size() == limit ? page : searchSince(query, query.fromNanos(), limit, offset);
    }
    long[] span =
        list(
                "SELECT (SELECT MIN(start_nanos) FROM checkpoints),"
                    + " (SELECT MAX(start_nanos) FROM checkpoints)",
                List.of(),
                rows -> {
                  long oldest = rows.getLong(1);
                  return rows.wasNull() ? null : new long[] {oldest, rows.getLong(2)};
                })
            .get(0);
    if (span != null) {
      long end = query.toNanos() != null ? Math.min(query.toNanos(), span[1] + 1) : span[1] + 1;
      long oldest = query.fromNanos() != null ? Math.max(query.fromNanos(), span[0]) : span[0];
      for (long width = FIRST_WINDOW_NANOS; end - width > oldest; width *= WINDOW_GROWTH) {
        List<Checkpoint> page = searchSince(query, end - width, limit, offset);
        if (page.size() == limit) {
          return page;
        }
      }
    }
    return searchSince(query, query.fromNanos(), limit, offset);
  }

  /** The search with its lower bound of start time replaced by {@code fromNanos}. */
  private List<Checkpoint> searchSince(
      CheckpointQuery query, Long fromNanos, int limit, int offset) {
    return searchIn("checkpoints c", List.of(), query, fromNanos, limit, offset);
  }

  /**
   * The search among the {@value #NEWEST_FOR_TEXT} newest checkpoints of its time range: its page
   * when full, since every checkpoint left out starts before all of them.
   */
  private List<Checkpoint> searchNewest(CheckpointQuery query, int limit, int offset) {
    // A subquery with its own LIMIT: the planner cannot take the trigram index through it.
    StringBuilder newest = new StringBuilder("(SELECT * FROM checkpoints c WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>();
    appendTimeRange(newest, parameters, query.fromNanos(), query.toNanos());
    newest.append(" ORDER BY ").append(dialect.newestFirst()).append(" LIMIT ?) c");
    parameters.add(NEWEST_FOR_TEXT);
    return searchIn(newest.toString(), parameters, query, query.fromNanos(), limit, offset);
  }

  private List<Checkpoint> searchIn(
      String source,
      List<Object> sourceParameters,
      CheckpointQuery query,
      Long fromNanos,
      int limit,
      int offset) {
    StringBuilder sql =
        new StringBuilder("SELECT " + CHECKPOINT_COLUMNS + " FROM " + source + " WHERE 1 = 1");
    List<Object> parameters = new ArrayList<>(sourceParameters);
    if (query.runId() != null) {
      // The traces of the run lead to its checkpoints through the (trace_id, id) index.
      sql.append(" AND c.run_id = ? AND c.trace_id IN (" + TRACES_OF_RUN + ")");
      parameters.add(query.runId());
      parameters.add(query.runId());
    }
    equalTo(sql, parameters, "c.service", query.service());
    equalTo(sql, parameters, "c.kind", query.kind());
    if (query.nameContains() != null) {
      sql.append(" AND lower(c.name) LIKE ? ESCAPE '\\'");
      parameters.add(containsPattern(query.nameContains()));
    }
    appendTimeRange(sql, parameters, fromNanos, query.toNanos());
    if (query.text() != null) {
      dialect.appendTextPredicate(sql, parameters, query.text());
    }
    sql.append(" ORDER BY ").append(dialect.newestFirst()).append(" LIMIT ? OFFSET ?");
    parameters.add(limit);
    parameters.add(offset);
    return list(sql.toString(), parameters, JdbcCheckpointStore::toCheckpoint);
  }

  private static void appendTimeRange(
      StringBuilder sql, List<Object> parameters, Long fromNanos, Long toNanos) {
    if (fromNanos != null) {
      sql.append(" AND c.start_nanos >= ?");
      parameters.add(fromNanos);
    }
    if (toNanos != null) {
      sql.append(" AND c.start_nanos < ?");
      parameters.add(toNanos);
    }
  }

  private static void equalTo(
      StringBuilder sql, List<Object> parameters, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      parameters.add(value);
    }
  }

  /** A LIKE pattern for a lower-cased substring, with LIKE's wildcards taken literally. */
  private static String containsPattern(String text) {
    return '%'
        + text.toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + '%';
  }

  @Override
  public boolean deleteRun(String id) {
    deleteCheckpointsOfRun(id);
    return inTransaction(
        connection -> {
          try (PreparedStatement traces =
                  connection.prepareStatement("DELETE FROM run_traces WHERE run_id = ?");
              PreparedStatement run =
                  connection.prepareStatement("DELETE FROM runs WHERE id = ?")) {
            // A batch that arrived for the run while its checkpoints went has left a trace here.
            traces.setString(1, id);
            traces.executeUpdate();
            run.setString(1, id);
            return run.executeUpdate() > 0;
          }
        });
  }

  /**
   * Deletes the run's checkpoints in transactions of at most {@link #DELETE_CHUNK} rows, a few
   * traces at a time: one transaction for a run of a million checkpoints held the single SQLite
   * writer, and so ingestion, for as long as it took. The run's row goes last, so a delete that
   * stops half-way is finished by the next one.
   */
  private void deleteCheckpointsOfRun(String runId) {
    boolean more = true;
    while (more) {
      more =
          inTransaction(
              connection -> {
                List<String> traceIds = new ArrayList<>(TRACES_PER_DELETE);
                try (PreparedStatement select =
                    connection.prepareStatement(
                        TRACES_OF_RUN + " ORDER BY trace_id LIMIT " + TRACES_PER_DELETE)) {
                  select.setString(1, runId);
                  try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                      traceIds.add(rows.getString(1));
                    }
                  }
                }
                if (traceIds.isEmpty()) {
                  return false;
                }
                String traces = String.join(", ", Collections.nCopies(traceIds.size(), "?"));
                int deleted;
                try (PreparedStatement delete =
                    connection.prepareStatement(
                        "DELETE FROM checkpoints WHERE (trace_id, id) IN (SELECT trace_id, id"
                            + " FROM checkpoints WHERE run_id = ? AND trace_id IN ("
                            + traces
                            + ") LIMIT "
                            + DELETE_CHUNK
                            + ") RETURNING "
                            + TraceTotals.COUNTED_COLUMNS)) {
                  delete.setString(1, runId);
                  for (int i = 0; i < traceIds.size(); i++) {
                    delete.setString(i + 2, traceIds.get(i));
                  }
                  deleted = TraceTotals.deleteCounted(connection, delete);
                }
                if (deleted < DELETE_CHUNK) {
                  // Nothing of the run is left in these traces.
                  try (PreparedStatement done =
                      connection.prepareStatement(
                          "DELETE FROM run_traces WHERE run_id = ? AND trace_id IN ("
                              + traces
                              + ")")) {
                    done.setString(1, runId);
                    for (int i = 0; i < traceIds.size(); i++) {
                      done.setString(i + 2, traceIds.get(i));
                    }
                    done.executeUpdate();
                  }
                }
                return true;
              });
    }
  }

  @Override
  public int deleteOlderThan(long cutoffMillis) {
    int deleted = 0;
    List<String> oldRuns;
    do {
      oldRuns =
          list(
              "SELECT id FROM runs WHERE started_at < ? ORDER BY started_at, id LIMIT 100",
              List.of(cutoffMillis),
              rows -> rows.getString(1));
      for (String runId : oldRuns) {
        if (deleteRun(runId)) {
          deleted++;
        }
      }
    } while (!oldRuns.isEmpty());
    int orphans;
    do {
      orphans =
          inTransaction(
              connection -> {
                try (PreparedStatement delete =
                    connection.prepareStatement(
                        "DELETE FROM checkpoints WHERE (trace_id, id) IN (SELECT trace_id, id"
                            + " FROM checkpoints WHERE run_id IS NULL AND received_at < ? LIMIT "
                            + DELETE_CHUNK
                            + ") RETURNING "
                            + TraceTotals.COUNTED_COLUMNS)) {
                  delete.setLong(1, cutoffMillis);
                  return TraceTotals.deleteCounted(connection, delete);
                }
              });
    } while (orphans == DELETE_CHUNK);
    return deleted;
  }

  @Override
  public void ping() {
    read(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
          }
          return null;
        });
  }

  @Override
  public List<PoolStats> poolStats() {
    List<PoolStats> stats = new ArrayList<>();
    stats.add(stats(pools.reader()));
    if (pools.writer() != pools.reader()) {
      stats.add(stats(pools.writer()));
    }
    return stats;
  }

  private static PoolStats stats(HikariDataSource pool) {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    if (bean == null) {
      return new PoolStats(pool.getPoolName(), 0, 0, 0, pool.getMaximumPoolSize());
    }
    return new PoolStats(
        pool.getPoolName(),
        bean.getActiveConnections(),
        bean.getIdleConnections(),
        bean.getThreadsAwaitingConnection(),
        pool.getMaximumPoolSize());
  }

  @Override
  public void close() {
    if (groupCommit != null) {
      groupCommit.close();
    }
    if (searchIndexer != null) {
      searchIndexer.close();
    }
    pools.close();
  }

  private <T> List<T> list(String sql, List<?> parameters, RowMapper<T> mapper) {
    return read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
              select.setObject(i + 1, parameters.get(i));
            }
            List<T> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                result.add(mapper.map(rows));
              }
            }
            return result;
          }
        });
  }

  private <T> T read(Work<T> work) {
    try (Connection connection = pools.reader().getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection connection = pools.writer().getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * The failure as a client may see it: its SQL state, never the driver's message, which can hold
   * the statement and its bound values. The log has the cause.
   */
  private static StorageUnavailableException unavailable(SQLException e) {
    return new StorageUnavailableException(
        "The database failed (SQL state "
            + e.getSQLState()
            + "). Check that it is running and reachable; the server's log has the details.",
        e);
  }

  private static Run toRun(ResultSet rows) throws SQLException {
    long closedAt = rows.getLong(6);
    Long closedAtOrNull = rows.wasNull() ? null : closedAt;
    return new Run(
        rows.getString(1),
        rows.getString(2),
        rows.getString(3),
        rows.getString(4),
        rows.getLong(5),
        closedAtOrNull,
        rows.getString(7));
  }

  private static Checkpoint toCheckpoint(ResultSet rows) throws SQLException {
    return new Checkpoint(
        rows.getString(1),
        rows.getString(2),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        rows.getString(8),
        rows.getLong(9),
        rows.getLong(10),
        rows.getString(11),
        rows.getString(12),
        rows.getString(13),
        rows.getString(14),
        rows.getString(15),
        rows.getString(16),
        rows.getString(17),
        rows.getString(18));
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rows) throws SQLException;
  }
}
