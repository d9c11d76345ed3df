package dev.checkpoint.server.internal.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where checkpoints and runs live. Implementations keep no state that matters outside the database,
 * so several servers may share one. Every method throws {@link StorageUnavailableException} when
 * the database fails.
 */
public interface CheckpointStore extends AutoCloseable {

  /**
   * Stores a batch in one transaction. A checkpoint whose trace id and id are already stored is
   * counted as a duplicate and left as it is; unknown run ids create their run.
   */
  IngestResult insert(List<Checkpoint> checkpoints);

  /** Creates or changes a run; returns it as stored and whether it was created. */
  RunChange upsertRun(RunUpdate update);

  Optional<Run> run(String id);

  /** Newest first. */
  List<Run> runs(RunFilter filter, int limit, int offset);

  /** The trees that have a checkpoint in the run, oldest first. */
  List<TreeSummary> trees(String runId, int limit, int offset);

  /**
   * The run's first {@code maxTrees} trees (oldest first, as {@link #trees}) counted in one read,
   * without reading their roots.
   */
  default RunTotals runTotals(String runId, int maxTrees) {
    return runTotals(List.of(runId), maxTrees).get(runId);
  }

  /**
   * Each run's first {@code maxTrees} trees counted as {@link #runTotals(String, int)}, all runs in
   * one read: a page of runs is one statement, not one per run. Every run asked for has an entry.
   */
  Map<String, RunTotals> runTotals(List<String> runIds, int maxTrees);

  /** All checkpoints of a trace, in no particular order. */
  default List<Checkpoint> trace(String traceId) {
    return trace(traceId, Integer.MAX_VALUE, Long.MAX_VALUE).orElseThrow();
  }

  /**
   * All checkpoints of a trace with their payloads, in no particular order, in one read that stops
   * as soon as they are more than {@code maxCheckpoints} or their {@link Checkpoint#payloadChars()
   * payloads} longer than {@code maxPayloadChars} together: then empty, having held at most one
   * checkpoint over the limits. An empty list when nothing of the trace is stored.
   */
  Optional<List<Checkpoint>> trace(String traceId, int maxCheckpoints, long maxPayloadChars);

  /** All checkpoints of a trace without their payloads, in no particular order. */
  default List<CheckpointOutline> traceOutline(String traceId) {
    return traceOutline(traceId, Integer.MAX_VALUE).orElseThrow();
  }

  /**
   * All checkpoints of a trace without their payloads, in no particular order; empty, having read
   * one more, when they are more than {@code maxCheckpoints}.
   */
  Optional<List<CheckpointOutline>> traceOutline(String traceId, int maxCheckpoints);

  /**
   * How much reading a trace with its payloads takes: its checkpoints and the length of their
   * payloads ({@link Checkpoint#payloadChars()}); zero checkpoints when nothing of it is stored.
   */
  TraceSize traceSize(String traceId);

  /** What has arrived of a trace, counted; empty when nothing of it is stored. */
  Optional<TraceCounts> traceCounts(String traceId);

  /**
   * The checkpoints of the traces grouped by trace, service, kind and name and counted, without
   * their payloads, in one read; in that order.
   */
  List<CheckpointGroup> checkpointGroups(List<String> traceIds);

  Optional<Checkpoint> checkpoint(String traceId, String id);

  /** Newest first. */
  List<Checkpoint> search(CheckpointQuery query, int limit, int offset);

  /** Deletes the run and its checkpoints; false if there was no such run. */
  boolean deleteRun(String id);

  /**
   * Deletes runs started before the cutoff with their checkpoints, and checkpoints without a run
   * received before it; returns the number of runs deleted.
   */
  int deleteOlderThan(long cutoffMillis);

  /** Opens a web UI session that ends at {@code expiresAtMillis}. */
  void openSession(String id, String tokenDigest, long expiresAtMillis);

  /** The token digest of an open session that has not expired. */
  Optional<String> sessionToken(String id, long nowMillis);

  /** Ends a session; nothing happens when there is none. */
  void closeSession(String id);

  /** Throws unless the database answers. */
  void ping();

  /** Connection pool figures for metrics, one entry per pool. */
  List<PoolStats> poolStats();

  @Override
  void close();

  /** A run as stored after {@link #upsertRun}. */
  record RunChange(Run run, boolean created) {}

  /** Connections of one pool. */
  record PoolStats(String pool, int active, int idle, int pending, int max) {}
}
