package dev.checkpoint.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import dev.checkpoint.server.testing.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CheckpointStore} must do, run against each database by a subclass that only
 * says how to reach it.
 */
abstract class CheckpointStoreContract {
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final String OTHER_TRACE = "1bf7651916cd43dd8448eb211c80319d";
  static final long T0 = 1_763_900_000_000_000_000L;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
  StorageSettings settings;
  CheckpointStore store;

  /** Settings of a new, empty database; each call gives another. */
  abstract StorageSettings newDatabase();

  @BeforeEach
  void open() {
    settings = newDatabase();
    store = JdbcCheckpointStore.open(settings, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Checkpoint checkpoint(
      String id, String parentId, String service, String kind, String name, long offsetMillis) {
    return checkpoint(TRACE, id, parentId, "run-1", service, kind, name, offsetMillis, null, null);
  }

  static Checkpoint checkpoint(
      String traceId,
      String id,
      String parentId,
      String runId,
      String service,
      String kind,
      String name,
      long offsetMillis,
      String output,
      String error) {
    long start = T0 + offsetMillis * 1_000_000;
    return new Checkpoint(
        traceId,
        id,
        parentId,
        runId,
        service,
        "host-1",
        kind,
        name,
        start,
        start + 5_000_000,
        "worker-1",
        "{\"method\":\"POST\",\"path\":\"/" + name + "\"}",
        output,
        error,
        "{\"http.route\":\"/x\"}",
        null,
        null,
        "batch-1");
  }

  /** A request of run-1 in TRACE and the query it made. */
  static List<Checkpoint> orderAndSelect() {
    return List.of(
        checkpoint("a000000000000001", null, "shop", "HTTP_SERVER", "order", 0),
        checkpoint("a000000000000002", "a000000000000001", "shop", "SQL", "select", 1));
  }

  @Test
  void insertStoresEachCheckpointOnceAndCountsRetriesAsDuplicates() {
    List<Checkpoint> batch = orderAndSelect();

    assertThat(store.insert(batch)).isEqualTo(new IngestResult(2, 0));
    assertThat(store.insert(batch)).isEqualTo(new IngestResult(0, 2));
    assertThat(store.trace(TRACE)).hasSize(2);
  }

  @Test
  void aTraceIsOutlinedAndCountedWithoutItsPayloads() {
    store.insert(
        List.of(
            checkpoint("a000000000000001", null, "shop", "HTTP_SERVER", "order", 0),
            checkpoint("a000000000000002", "a000000000000001", "shop", "SQL", "select", 1),
            checkpoint(
                TRACE,
                "a000000000000003",
                "a000000000000001",
                "run-1",
                "payments",
                "HTTP_SERVER",
                "pay",
                2,
                null,
                "{\"type\":\"Declined\",\"message\":\"no\",\"stack\":[]}"),
            checkpoint(
                OTHER_TRACE,
                "b000000000000001",
                null,
                "run-1",
                "x",
                "METHOD",
                "m",
                0,
                null,
                null)));

    assertThat(store.traceOutline(TRACE))
        .extracting(
            CheckpointOutline::id,
            CheckpointOutline::parentId,
            CheckpointOutline::service,
            CheckpointOutline::kind,
            CheckpointOutline::name,
            CheckpointOutline::failed)
        .containsExactlyInAnyOrder(
            tuple("a000000000000001", null, "shop", "HTTP_SERVER", "order", false),
            tuple("a000000000000002", "a000000000000001", "shop", "SQL", "select", false),
            tuple("a000000000000003", "a000000000000001", "payments", "HTTP_SERVER", "pay", true));
    assertThat(store.traceOutline(TRACE))
        .containsExactlyInAnyOrderElementsOf(
            store.trace(TRACE).stream().map(Checkpoint::outline).toList());

    TraceCounts counts = store.traceCounts(TRACE).orElseThrow();
    assertThat(counts.checkpointCount()).isEqualTo(3);
    assertThat(counts.errorCount()).isEqualTo(1);
    assertThat(counts.byKind()).containsExactly(entry("HTTP_SERVER", 2), entry("SQL", 1));
    assertThat(counts.services()).containsExactly("payments", "shop");
    assertThat(counts.startNanos()).isEqualTo(T0);
    assertThat(counts.endNanos()).isEqualTo(T0 + 2_000_000 + 5_000_000);
    assertThat(store.traceCounts("2cf7651916cd43dd8448eb211c80319e")).isEmpty();
    int inputs = 3 * "{\"method\":\"POST\",\"path\":\"/\"}".length() + "orderselectpay".length();
    int error = "{\"type\":\"Declined\",\"message\":\"no\",\"stack\":[]}".length();
    int attributes = 3 * "{\"http.route\":\"/x\"}".length();
    assertThat(store.traceSize(TRACE)).isEqualTo(new TraceSize(3, inputs + error + attributes));
    assertThat(store.traceSize("2cf7651916cd43dd8448eb211c80319e")).isEqualTo(new TraceSize(0, 0));
    assertThat(store.traceOutline("2cf7651916cd43dd8448eb211c80319e")).isEmpty();
  }

  @Test
  void aTraceIsReadWithItsPayloadsInOneReadThatStopsOverTheLimits() {
    List<Checkpoint> batch = new ArrayList<>();
    for (int i = 1; i <= 450; i++) {
      batch.add(
          checkpoint(
              String.format("c%015x", i),
              i == 1 ? null : "c000000000000001",
              "shop",
              "SQL",
              "select",
              i));
    }
    store.insert(batch);
    long payloadChars = batch.stream().mapToLong(Checkpoint::payloadChars).sum();
    assertThat(store.traceSize(TRACE)).isEqualTo(new TraceSize(450, payloadChars));

    assertThat(store.trace(TRACE, 450, payloadChars).orElseThrow())
        .containsExactlyInAnyOrderElementsOf(batch);
    assertThat(store.trace(TRACE, 449, payloadChars)).isEmpty();
    assertThat(store.trace(TRACE, 450, payloadChars - 1)).isEmpty();
    assertThat(store.trace("2cf7651916cd43dd8448eb211c80319e", 1, 1)).contains(List.of());

    assertThat(store.traceOutline(TRACE, 450).orElseThrow())
        .containsExactlyInAnyOrderElementsOf(batch.stream().map(Checkpoint::outline).toList());
    assertThat(store.traceOutline(TRACE, 449)).isEmpty();
    assertThat(store.traceOutline("2cf7651916cd43dd8448eb211c80319e", 1)).contains(List.of());
  }

  @Test
  void checkpointsOfSeveralTracesAreGroupedAndCountedInOneRead() {
    store.insert(
        List.of(
            checkpoint("a000000000000001", null, "shop", "HTTP_SERVER", "order", 0),
            checkpoint("a000000000000002", "a000000000000001", "shop", "SQL", "select", 1),
            checkpoint("a000000000000003", "a000000000000001", "shop", "SQL", "select", 2),
            checkpoint("a000000000000004", "a000000000000001", "payments", "HTTP_SERVER", "pay", 3),
            checkpoint(
                OTHER_TRACE,
                "b000000000000001",
                null,
                "run-1",
                "x",
                "METHOD",
                "m",
                0,
                null,
                null)));

    assertThat(
            store.checkpointGroups(List.of(OTHER_TRACE, TRACE, "2cf7651916cd43dd8448eb211c80319e")))
        .containsExactly(
            new CheckpointGroup(TRACE, "payments", "HTTP_SERVER", "pay", 1),
            new CheckpointGroup(TRACE, "shop", "HTTP_SERVER", "order", 1),
            new CheckpointGroup(TRACE, "shop", "SQL", "select", 2),
            new CheckpointGroup(OTHER_TRACE, "x", "METHOD", "m", 1));
    assertThat(store.checkpointGroups(List.of(OTHER_TRACE)))
        .containsExactly(new CheckpointGroup(OTHER_TRACE, "x", "METHOD", "m", 1));
    assertThat(store.checkpointGroups(List.of())).isEmpty();
  }

  @Test
  void uiSessionsOpenUntilTheyExpireOrClose() {
    long now = clock.millis();
    store.openSession("s1", "digest-1", now + 60_000);
    store.openSession("s2", "digest-2", now + 1_000);

    assertThat(store.sessionToken("s1", now)).contains("digest-1");
    assertThat(store.sessionToken("s2", now + 1_000)).isEmpty();
    assertThat(store.sessionToken("nope", now)).isEmpty();

    store.closeSession("s1");
    assertThat(store.sessionToken("s1", now)).isEmpty();
  }

  @Test
  void theSameIdInAnotherTraceIsAnotherCheckpoint() {
    Checkpoint first = checkpoint("a000000000000001", null, "shop", "METHOD", "m", 0);
    Checkpoint second = method(OTHER_TRACE, "a000000000000001", "run-1");

    assertThat(store.insert(List.of(first, second))).isEqualTo(new IngestResult(2, 0));
  }

  @Test
  void aCheckpointRepeatedWithinOneBatchIsStoredOnce() {
    Checkpoint checkpoint = checkpoint("a000000000000001", null, "shop", "METHOD", "m", 0);

    assertThat(store.insert(List.of(checkpoint, checkpoint))).isEqualTo(new IngestResult(1, 1));
  }

  @Test
  void aCheckpointReadsBackExactlyAsStored() {
    Checkpoint stored =
        new Checkpoint(
            TRACE,
            "a000000000000001",
            "b000000000000001",
            "run-1",
            "payments",
            "host-1:4711",
            "HTTP_CLIENT",
            "POST /payments",
            T0,
            T0 + 10,
            "http-worker-3",
            "{\"body\":{\"amount\":12.50,\"currency\":\"EUR\"}}",
            "{\"status\":201}",
            "{\"type\":\"java.io.IOException\",\"message\":\"reset\",\"stack\":[\"a\",\"b\"]}",
            "{\"http.route\":\"/payments\"}",
            "[\"output.body\"]",
            "[\"input.headers.authorization\"]",
            "batch-7");
    store.insert(List.of(stored));

    assertThat(store.checkpoint(TRACE, "a000000000000001")).contains(stored);
    assertThat(store.checkpoint(TRACE, "a000000000000002")).isEmpty();
  }

  @Test
  void anUnknownRunIdCreatesTheRun() {
    store.insert(List.of(checkpoint("a000000000000001", null, "shop", "METHOD", "m", 0)));

    Run run = store.run("run-1").orElseThrow();
    assertThat(run.name()).isEqualTo("run-1");
    assertThat(run.labels()).isEqualTo("{}");
    assertThat(run.startedAtMillis()).isEqualTo(clock.millis());
    assertThat(run.closedAtMillis()).isNull();
  }

  @Test
  void upsertRunCreatesChangesAndClosesOnce() {
    CheckpointStore.RunChange created =
        store.upsertRun(
            new RunUpdate("nightly", "Nightly", "checkout", "{\"branch\":\"main\"}", null, false));
    assertThat(created.created()).isTrue();
    assertThat(created.run().scenario()).isEqualTo("checkout");

    clock.advance(Duration.ofMinutes(5));
    CheckpointStore.RunChange closed =
        store.upsertRun(new RunUpdate("nightly", null, null, null, null, true));
    assertThat(closed.created()).isFalse();
    assertThat(closed.run().name()).isEqualTo("Nightly");
    assertThat(closed.run().labels()).isEqualTo("{\"branch\":\"main\"}");
    assertThat(closed.run().closedAtMillis()).isEqualTo(clock.millis());

    long closedAt = clock.millis();
    clock.advance(Duration.ofMinutes(5));
    assertThat(
            store
                .upsertRun(new RunUpdate("nightly", null, null, null, null, true))
                .run()
                .closedAtMillis())
        .isEqualTo(closedAt);
  }

  @Test
  void runsAreListedNewestFirstAndFilteredByNameAndLabel() {
    store.upsertRun(
        new RunUpdate("r1", "Nightly main", null, "{\"branch\":\"main\"}", null, false));
    clock.advance(Duration.ofMinutes(1));
    store.upsertRun(
        new RunUpdate("r2", "Nightly feature", null, "{\"branch\":\"feature\"}", null, false));
    clock.advance(Duration.ofMinutes(1));
    store.upsertRun(
        new RunUpdate("r3", "Manual 100%_", null, "{\"branch\":\"main\"}", null, false));

    assertThat(store.runs(RunFilter.ALL, 10, 0))
        .extracting(Run::id)
        .containsExactly("r3", "r2", "r1");
    assertThat(store.runs(RunFilter.ALL, 2, 1)).extracting(Run::id).containsExactly("r2", "r1");
    assertThat(store.runs(new RunFilter("NIGHTLY", null, null), 10, 0))
        .extracting(Run::id)
        .containsExactly("r2", "r1");
    assertThat(store.runs(new RunFilter("%_", null, null), 10, 0))
        .extracting(Run::id)
        .containsExactly("r3");
    assertThat(store.runs(new RunFilter(null, "branch", "main"), 10, 0))
        .extracting(Run::id)
        .containsExactly("r3", "r1");
    assertThat(store.runs(new RunFilter("nightly", "branch", "main"), 10, 0))
        .extracting(Run::id)
        .containsExactly("r1");
  }

  @Test
  void treesOfARunAreSummarisedWhateverOrderTheirCheckpointsCameIn() {
    // The child of another service arrives first, in its own batch, before its parent.
    store.insert(
        List.of(
            checkpoint(
                TRACE,
                "c000000000000003",
                "b000000000000002",
                "run-1",
                "payments",
                "SQL",
                "insert",
                3,
                null,
                "{\"type\":\"SQLException\"}")));
    store.insert(
        List.of(
            checkpoint("b000000000000002", "a000000000000001", "shop", "HTTP_CLIENT", "pay", 2),
            checkpoint("a000000000000001", null, "shop", "HTTP_SERVER", "order", 0),
            checkpoint(
                OTHER_TRACE,
                "d000000000000001",
                null,
                "run-1",
                "shop",
                "HTTP_SERVER",
                "list",
                10,
                null,
                null),
            checkpoint(
                OTHER_TRACE,
                "d000000000000009",
                null,
                "run-2",
                "shop",
                "HTTP_SERVER",
                "x",
                10,
                null,
                null)));

    List<TreeSummary> trees = store.trees("run-1", 10, 0);

    assertThat(trees).extracting(TreeSummary::traceId).containsExactly(TRACE, OTHER_TRACE);
    TreeSummary first = trees.get(0);
    assertThat(first.root().id()).isEqualTo("a000000000000001");
    assertThat(first.serviceCount()).isEqualTo(2);
    assertThat(first.checkpointCount()).isEqualTo(3);
    assertThat(first.errorCount()).isEqualTo(1);
    assertThat(first.startNanos()).isEqualTo(T0);
    assertThat(first.endNanos()).isEqualTo(T0 + 3_000_000 + 5_000_000);
    assertThat(trees.get(1).checkpointCount()).isEqualTo(2);
    assertThat(store.trees("run-1", 1, 1))
        .extracting(TreeSummary::traceId)
        .containsExactly(OTHER_TRACE);
  }

  @Test
  void aTreeWhoseRootHasNotArrivedHasItsEarliestCheckpointAsRoot() {
    store.insert(
        List.of(
            checkpoint("c000000000000003", "b000000000000002", "shop", "SQL", "late", 5),
            checkpoint("c000000000000002", "b000000000000002", "shop", "SQL", "early", 3)));

    assertThat(store.trees("run-1", 10, 0).get(0).root().id()).isEqualTo("c000000000000002");
  }

  @Test
  void searchFiltersByServiceKindNameAndTime() {
    store.insert(
        List.of(
            checkpoint("a000000000000001", null, "shop", "HTTP_SERVER", "POST /orders", 0),
            checkpoint("a000000000000002", "a000000000000001", "shop", "SQL", "insert order", 1),
            checkpoint(
                "a000000000000003", "a000000000000001", "payments", "SQL", "insert payment", 2)));

    assertThat(ids(new CheckpointQuery(null, "shop", null, null, null, null, null)))
        .containsExactly("a000000000000002", "a000000000000001");
    assertThat(ids(new CheckpointQuery(null, null, "SQL", null, null, null, null)))
        .containsExactly("a000000000000003", "a000000000000002");
    assertThat(ids(new CheckpointQuery(null, null, null, "ORDER", null, null, null)))
        .containsExactly("a000000000000002", "a000000000000001");
    assertThat(
            ids(
                new CheckpointQuery(
                    "run-1", null, null, null, T0 + 1_000_000, T0 + 2_000_000, null)))
        .containsExactly("a000000000000002");
    assertThat(ids(new CheckpointQuery("run-2", null, null, null, null, null, null))).isEmpty();
    assertThat(store.search(new CheckpointQuery(null, null, null, null, null, null, null), 1, 1))
        .extracting(Checkpoint::id)
        .containsExactly("a000000000000002");
  }

  @Test
  void searchPagesAreThoseOfTheWholeRangeWhereverTheMatchesLieInTime() {
    // One checkpoint every 17 minutes over 4 days, every third with a name that matches, and the
    // oldest of all alone with its word: pages fill in windows of every width, and the last
    // match is found only when the window holds everything.
    List<Checkpoint> checkpoints = new ArrayList<>();
    List<String> matches = new ArrayList<>();
    for (int i = 0; i < 340; i++) {
      String id = String.format("a%015d", i);
      String name = i % 3 == 0 ? "match " + i : "other " + i;
      String output = i == 0 ? "{\"note\":\"oldest\"}" : null;
      checkpoints.add(
          checkpoint(
              TRACE, id, null, "run-1", "shop", "SQL", name, i * 17 * 60_000L, output, null));
      if (i % 3 == 0) {
        matches.add(0, id);
      }
    }
    store.insert(checkpoints);

    // Within a run the search reads the run's trees without windows: the same pages.
    for (String runId : Arrays.asList(null, "run-1")) {
      CheckpointQuery named = new CheckpointQuery(runId, null, null, "match", null, null, null);
      for (int offset : new int[] {0, 2, 40, 100, 110, 113}) {
        assertThat(store.search(named, 5, offset))
            .extracting(Checkpoint::id)
            .as("run %s, offset %d", runId, offset)
            .containsExactlyElementsOf(
                matches.subList(
                    Math.min(offset, matches.size()), Math.min(offset + 5, matches.size())));
      }
    }
    assertThat(textSearch("oldest")).containsExactly("a000000000000000");
    long to = T0 + 300 * 17 * 60_000_000_000L;
    assertThat(
            store.search(new CheckpointQuery(null, null, null, "match", T0 + 1, to, null), 200, 0))
        .extracting(Checkpoint::id)
        .containsExactlyElementsOf(matches.subList(14, 113));
  }

  @Test
  void freeTextPagesAreThoseOfTheWholeRangeBeyondTheNewestCheckpointsReadFirst() {
    // Every 100th checkpoint holds the word: the newest checkpoints, which PostgreSQL reads first,
    // hold 20 of the 21 matches; the pages from offset 16 on need the whole range.
    List<Checkpoint> checkpoints = new ArrayList<>();
    List<String> matches = new ArrayList<>();
    for (int i = 0; i < JdbcCheckpointStore.NEWEST_FOR_TEXT + 100; i++) {
      String id = String.format("b%015d", i);
      String output = "{\"note\":\"" + (i % 100 == 0 ? "needle " + i : "hay") + "\"}";
      checkpoints.add(
          checkpoint(TRACE, id, null, "run-1", "shop", "SQL", "n", i * 1_000L, output, null));
      if (i % 100 == 0) {
        matches.add(0, id);
      }
    }
    store.insert(checkpoints);

    CheckpointQuery needle = new CheckpointQuery(null, null, null, null, null, null, "NEEDLE");
    for (int offset : new int[] {0, 15, 16, 20}) {
      assertThat(store.search(needle, 5, offset))
          .extracting(Checkpoint::id)
          .as("offset %d", offset)
          .containsExactlyElementsOf(matches.subList(offset, Math.min(offset + 5, matches.size())));
    }
  }

  @Test
  void freeTextSearchFindsSubstringsOfPayloadsIgnoringCase() {
    store.insert(
        List.of(
            checkpoint(
                TRACE,
                "a000000000000001",
                null,
                "run-1",
                "shop",
                "HTTP_SERVER",
                "a",
                0,
                "{\"body\":{\"customer\":\"Ada Lovelace\",\"discount\":\"50%_off\"}}",
                null),
            checkpoint(
                TRACE,
                "a000000000000002",
                null,
                "run-1",
                "shop",
                "SQL",
                "b",
                1,
                "{\"rows\":[{\"name\":\"Grace Hopper\"}]}",
                null),
            checkpoint(
                TRACE,
                "a000000000000003",
                null,
                "run-1",
                "shop",
                "METHOD",
                "c",
                2,
                null,
                "{\"type\":\"IllegalStateException\",\"message\":\"Ledger closed\"}")));

    assertThat(textSearch("lovelace")).containsExactly("a000000000000001");
    assertThat(textSearch("GRACE HOP")).containsExactly("a000000000000002");
    assertThat(textSearch("ledger closed")).containsExactly("a000000000000003");
    assertThat(textSearch("0%_o")).containsExactly("a000000000000001");
    assertThat(textSearch("/a\"")).containsExactly("a000000000000001");
    assertThat(textSearch("0_o")).isEmpty();
    assertThat(textSearch("nobody")).isEmpty();
  }

  private List<String> textSearch(String text) {
    return ids(new CheckpointQuery(null, null, null, null, null, null, text));
  }

  private List<String> ids(CheckpointQuery query) {
    return store.search(query, 100, 0).stream().map(Checkpoint::id).toList();
  }

  @Test
  void deletingARunDeletesItsCheckpointsFromQueriesAndSearch() {
    store.insert(
        List.of(
            checkpoint("a000000000000001", null, "shop", "METHOD", "m", 0),
            method(OTHER_TRACE, "a000000000000002", "run-2")));

    assertThat(store.deleteRun("run-1")).isTrue();
    assertThat(store.deleteRun("run-1")).isFalse();
    assertThat(store.run("run-1")).isEmpty();
    assertThat(store.trace(TRACE)).isEmpty();
    assertThat(store.trace(OTHER_TRACE)).hasSize(1);
    assertThat(textSearch("POST")).containsExactly("a000000000000002");
  }

  @Test
  void retentionDeletesOldRunsAndOldCheckpointsWithoutRun() {
    store.insert(
        List.of(
            checkpoint("a000000000000001", null, "shop", "METHOD", "m", 0),
            method(TRACE, "a000000000000002", null)));
    clock.advance(Duration.ofDays(10));
    store.insert(List.of(method(OTHER_TRACE, "a000000000000003", "run-2")));

    assertThat(store.deleteOlderThan(clock.millis() - Duration.ofDays(5).toMillis())).isEqualTo(1);
    assertThat(store.run("run-1")).isEmpty();
    assertThat(store.run("run-2")).isPresent();
    assertThat(store.trace(TRACE)).isEmpty();
    assertThat(store.trace(OTHER_TRACE)).hasSize(1);
  }

  @Test
  void retentionDeletesRunsAndCheckpointsLargerThanOneDeleteTransaction() {
    // More than one delete's worth of everything: a trace of 2,500 checkpoints, more traces than
    // one delete takes, and 2,100 checkpoints without a run.
    List<Checkpoint> old = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      old.add(runCheckpoint(TRACE, String.format("a%015x", i + 1)));
    }
    for (int trace = 0; trace < 60; trace++) {
      for (int i = 0; i < 2; i++) {
        old.add(runCheckpoint(String.format("%032x", trace + 1), String.format("b%015x", i + 1)));
      }
    }
    for (int i = 0; i < 2_100; i++) {
      old.add(
          checkpoint(
              OTHER_TRACE,
              String.format("c%015x", i + 1),
              null,
              null,
              "shop",
              "METHOD",
              "m",
              0,
              null,
              null));
    }
    for (int from = 0; from < old.size(); from += 500) {
      store.insert(old.subList(from, Math.min(old.size(), from + 500)));
    }
    clock.advance(Duration.ofDays(10));
    store.insert(
        List.of(
            method(TRACE, "d000000000000001", "run-2"),
            method(OTHER_TRACE, "d000000000000002", null)));

    assertThat(store.deleteOlderThan(clock.millis() - Duration.ofDays(5).toMillis())).isEqualTo(1);
    assertThat(store.run("run-1")).isEmpty();
    assertThat(store.trees("run-1", 100, 0)).isEmpty();
    assertThat(store.trace(TRACE)).extracting(Checkpoint::id).containsExactly("d000000000000001");
    assertThat(store.trace(String.format("%032x", 60))).isEmpty();
    assertThat(store.trace(OTHER_TRACE))
        .extracting(Checkpoint::id)
        .containsExactly("d000000000000002");
    assertThat(store.trees("run-2", 10, 0)).hasSize(1);
  }

  @Test
  void theRootsOfARunsTreesAreReadWithoutTheirPayloads() {
    store.insert(
        List.of(
            checkpoint(
                TRACE,
                "a000000000000001",
                null,
                "run-1",
                "shop",
                "HTTP_SERVER",
                "order",
                0,
                "{\"orderId\":7}",
                "{\"type\":\"Timeout\"}")));

    Checkpoint root = store.trees("run-1", 10, 0).get(0).root();
    assertThat(root.name()).isEqualTo("order");
    assertThat(root.error()).isEqualTo("{\"type\":\"Timeout\"}");
    assertThat(root.input()).isNull();
    assertThat(root.output()).isNull();
    assertThat(root.attributes()).isNull();
    assertThat(store.trace(TRACE).get(0).input()).isNotNull();
  }

  @Test
  void aRunsFirstTreesAreTotalledInOneRead() {
    store.insert(
        List.of(
            checkpoint("a000000000000001", null, "shop", "HTTP_SERVER", "order", 0),
            checkpoint("a000000000000002", "a000000000000001", "shop", "SQL", "select", 1),
            checkpoint(
                OTHER_TRACE,
                "a000000000000003",
                null,
                "run-1",
                "shop",
                "METHOD",
                "m",
                5,
                null,
                "{\"type\":\"Timeout\"}")));

    assertThat(store.runTotals("run-1", 10))
        .isEqualTo(new RunTotals(2, 3, 1, T0, T0 + 5_000_000 + 5_000_000));
    assertThat(store.runTotals("run-1", 1)).isEqualTo(new RunTotals(1, 2, 0, T0, T0 + 6_000_000));
    assertThat(store.runTotals("no-such-run", 10))
        .isEqualTo(new RunTotals(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE));
  }

  @Test
  void aPageOfRunsIsTotalledInOneReadEachRunToItsFirstTrees() {
    List<Checkpoint> batch = new ArrayList<>();
    for (int tree = 0; tree < 3; tree++) {
      String traceId = String.format("%032x", 0xa0 + tree);
      batch.add(
          checkpoint(
              traceId,
              "a000000000000001",
              null,
              "run-1",
              "shop",
              "HTTP_SERVER",
              "order",
              10 - tree,
              null,
              null));
      batch.add(
          checkpoint(
              traceId,
              "a000000000000002",
              "a000000000000001",
              "run-1",
              "shop",
              "SQL",
              "select",
              11 - tree,
              null,
              tree == 2 ? "{\"type\":\"Timeout\"}" : null));
    }
    batch.add(
        checkpoint(
            OTHER_TRACE, "b000000000000001", null, "run-2", "shop", "METHOD", "m", 20, null, null));
    store.insert(batch);

    assertThat(store.runTotals(List.of("run-1", "run-2", "no-such-run"), 2))
        .containsOnly(
            entry("run-1", new RunTotals(2, 4, 1, T0 + 8_000_000, T0 + 10_000_000 + 5_000_000)),
            entry("run-2", new RunTotals(1, 1, 0, T0 + 20_000_000, T0 + 25_000_000)),
            entry("no-such-run", new RunTotals(0, 0, 0, Long.MAX_VALUE, Long.MIN_VALUE)));
    assertThat(store.runTotals(List.of("run-1"), 3))
        .containsOnly(
            entry("run-1", new RunTotals(3, 6, 1, T0 + 8_000_000, T0 + 11_000_000 + 5_000_000)));
  }

  @Test
  void treeTotalsCountOnlyTheCheckpointsAnInsertStored() {
    List<Checkpoint> batch = orderAndSelect();
    store.insert(batch);
    assertThat(store.trees("run-1", 10, 0))
        .extracting(TreeSummary::checkpointCount, TreeSummary::errorCount)
        .containsExactly(tuple(2, 0));

    // A retry of the same batch, then a retry that brings one new checkpoint (with an error, and
    // later than the rest) beside the ones already stored.
    store.insert(batch);
    List<Checkpoint> retryWithMore = new ArrayList<>(batch);
    retryWithMore.add(
        checkpoint(
            TRACE,
            "a000000000000003",
            "a000000000000001",
            "run-1",
            "payments",
            "HTTP_CLIENT",
            "charge",
            9,
            null,
            "{\"type\":\"Timeout\"}"));
    assertThat(store.insert(retryWithMore)).isEqualTo(new IngestResult(1, 2));

    assertThat(store.trees("run-1", 10, 0))
        .extracting(
            TreeSummary::checkpointCount,
            TreeSummary::errorCount,
            TreeSummary::serviceCount,
            TreeSummary::startNanos,
            TreeSummary::endNanos)
        .containsExactly(tuple(3, 1, 2, T0, T0 + 9_000_000 + 5_000_000));
    assertThat(store.runTotals("run-1", 10))
        .isEqualTo(new RunTotals(1, 3, 1, T0, T0 + 9_000_000 + 5_000_000));
  }

  @Test
  void treeTotalsLoseWhatRetentionDeletes() {
    // Old: run-1's checkpoints and checkpoints without a run, in a trace that run-2 shares, and
    // 2,100 more of run-1 in another trace (more than one delete transaction takes).
    List<Checkpoint> old = new ArrayList<>();
    old.add(method(TRACE, "a000000000000001", "run-1"));
    old.add(
        checkpoint(
            TRACE, "a000000000000002", null, null, "shop", "METHOD", "m", 0, null, "{\"e\":1}"));
    for (int i = 0; i < 2_100; i++) {
      old.add(method(OTHER_TRACE, String.format("b%015x", i + 1), "run-1"));
    }
    store.insert(old);
    clock.advance(Duration.ofDays(10));
    store.insert(
        List.of(
            method(TRACE, "c000000000000001", "run-2"),
            method(OTHER_TRACE, "c000000000000002", "run-2")));
    assertThat(store.runTotals("run-2", 10).checkpoints()).isEqualTo(3 + 2_101);

    store.deleteOlderThan(clock.millis() - Duration.ofDays(5).toMillis());

    assertThat(store.trees("run-2", 10, 0))
        .extracting(TreeSummary::traceId, TreeSummary::checkpointCount, TreeSummary::errorCount)
        .containsExactlyInAnyOrder(tuple(TRACE, 1, 0), tuple(OTHER_TRACE, 1, 0));
    assertThat(store.runTotals("run-2", 10)).extracting(RunTotals::checkpoints).isEqualTo(2);

    assertThat(store.deleteRun("run-2")).isTrue();
    store.insert(List.of(method(TRACE, "d000000000000001", "run-3")));
    assertThat(store.trees("run-3", 10, 0))
        .extracting(TreeSummary::checkpointCount)
        .containsExactly(1);
  }

  @Test
  void concurrentBatchesAreAllStoredOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<IngestResult>> results = new ArrayList<>();
      for (int writer = 0; writer < 4; writer++) {
        for (int batch = 0; batch < 5; batch++) {
          List<Checkpoint> checkpoints = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            // Every writer sends the same 100 checkpoints: 4 copies of each arrive at once.
            checkpoints.add(
                checkpoint(
                    String.format("e%015x", batch * 20 + i + 1), null, "shop", "METHOD", "m", i));
          }
          results.add(pool.submit(() -> store.insert(checkpoints)));
        }
      }
      int accepted = 0;
      int duplicates = 0;
      for (Future<IngestResult> result : results) {
        accepted += result.get(30, TimeUnit.SECONDS).accepted();
        duplicates += result.get().duplicates();
      }
      assertThat(accepted).isEqualTo(100);
      assertThat(duplicates).isEqualTo(300);
      assertThat(store.trace(TRACE)).hasSize(100);
      assertThat(store.runTotals("run-1", 10).checkpoints()).isEqualTo(100);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTraceSharedByTwoRunsIsSearchedAndDeletedRunByRun() {
    store.insert(
        List.of(
            checkpoint("a000000000000001", null, "shop", "HTTP_SERVER", "order", 0),
            checkpoint(
                TRACE,
                "a000000000000002",
                "a000000000000001",
                "run-2",
                "payments",
                "SQL",
                "insert",
                1,
                null,
                null)));

    assertThat(ids(new CheckpointQuery("run-2", null, null, null, null, null, null)))
        .containsExactly("a000000000000002");
    assertThat(store.trees("run-2", 10, 0))
        .extracting(TreeSummary::checkpointCount)
        .containsExactly(2);

    assertThat(store.deleteRun("run-1")).isTrue();
    assertThat(store.trace(TRACE)).extracting(Checkpoint::id).containsExactly("a000000000000002");
    assertThat(store.trees("run-1", 10, 0)).isEmpty();
    assertThat(store.trees("run-2", 10, 0)).hasSize(1);
  }

  @Test
  void batchesNamingTheSameNewTracesInOppositeOrderAreStoredConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        String first = String.format("%032x", 2 * round + 1);
        String second = String.format("%032x", 2 * round + 2);
        List<Checkpoint> forward = new ArrayList<>();
        List<Checkpoint> backward = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          forward.add(runCheckpoint(i % 2 == 0 ? first : second, String.format("a%015x", i + 1)));
          backward.add(runCheckpoint(i % 2 == 0 ? second : first, String.format("b%015x", i + 1)));
        }
        Future<IngestResult> one = pool.submit(() -> store.insert(forward));
        Future<IngestResult> other = pool.submit(() -> store.insert(backward));
        assertThat(one.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(10);
        assertThat(other.get(30, TimeUnit.SECONDS).accepted()).isEqualTo(10);
      }
      assertThat(store.trees("run-1", 100, 0)).hasSize(40);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void retriesOfTheSameCheckpointsInOppositeOrderNeitherDeadlockNorDuplicate() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 10; round++) {
        List<Checkpoint> forward = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          forward.add(runCheckpoint(TRACE, String.format("%04x%012x", round + 1, i + 1)));
        }
        List<Checkpoint> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        Future<IngestResult> one = pool.submit(() -> store.insert(forward));
        Future<IngestResult> other = pool.submit(() -> store.insert(backward));
        IngestResult first = one.get(30, TimeUnit.SECONDS);
        IngestResult second = other.get(30, TimeUnit.SECONDS);
        assertThat(first.accepted() + second.accepted()).isEqualTo(40);
        assertThat(first.duplicates() + second.duplicates()).isEqualTo(40);
      }
      assertThat(store.trace(TRACE)).hasSize(400);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Checkpoint runCheckpoint(String traceId, String id) {
    return method(traceId, id, "run-1");
  }

  private static Checkpoint method(String traceId, String id, String runId) {
    return checkpoint(traceId, id, null, runId, "shop", "METHOD", "m", 0, null, null);
  }

  @Test
  void aDatabaseOfSchemaVersion1IsUpgradedWithItsRunsTreesIntact() throws Exception {
    StorageSettings old = newDatabase();
    var flyway =
        Flyway.configure()
            .dataSource(old.url(), old.user(), old.password())
            .locations(Dialect.of(old.url()).migrations())
            .target("1");
    if (old.schema() != null) {
      flyway.schemas(old.schema()).createSchemas(true);
    }
    flyway.load().migrate();
    try (Connection connection =
            DriverManager.getConnection(old.url(), old.user(), old.password());
        PreparedStatement run =
            connection.prepareStatement(
                "INSERT INTO runs (id, name, started_at) VALUES (?, ?, 0)");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO checkpoints (trace_id, id, run_id, service, kind, name, start_nanos,"
                    + " end_nanos, batch_id, received_at) VALUES (?, ?, ?, 'shop', 'METHOD', 'm',"
                    + " ?, ?, 'batch-1', 0)")) {
      if (old.schema() != null) {
        connection.setSchema(old.schema());
      }
      for (String runId : List.of("run-1", "run-2")) {
        run.setString(1, runId);
        run.setString(2, runId);
        run.executeUpdate();
      }
      Object[][] rows = {
        {TRACE, "a000000000000001", "run-1"},
        {TRACE, "a000000000000002", "run-1"},
        {OTHER_TRACE, "a000000000000003", "run-2"},
        {OTHER_TRACE, "a000000000000004", null}
      };
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          insert.setObject(i + 1, row[i]);
        }
        insert.setLong(4, T0);
        insert.setLong(5, T0 + 1);
        insert.executeUpdate();
      }
    }

    try (CheckpointStore upgraded = JdbcCheckpointStore.open(old, clock)) {
      assertThat(upgraded.trees("run-1", 10, 0))
          .extracting(TreeSummary::traceId, TreeSummary::checkpointCount)
          .containsExactly(tuple(TRACE, 2));
      assertThat(upgraded.trees("run-2", 10, 0))
          .extracting(TreeSummary::traceId, TreeSummary::checkpointCount)
          .containsExactly(tuple(OTHER_TRACE, 2));
      assertThat(upgraded.deleteRun("run-1")).isTrue();
      assertThat(upgraded.trace(TRACE)).isEmpty();
      assertThat(upgraded.trace(OTHER_TRACE)).hasSize(2);
    }
  }

  @Test
  void pingAndPoolStatsAnswer() {
    store.ping();

    assertThat(store.poolStats())
        .isNotEmpty()
        .allSatisfy(stats -> assertThat(stats.max()).isPositive());
  }
}
