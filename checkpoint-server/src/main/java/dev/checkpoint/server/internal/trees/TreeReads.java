package dev.checkpoint.server.internal.trees;

import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.CheckpointOutline;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.TraceSize;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Reads of whole trees, within the server's limits, so that no tree the ingestion accepted makes a
 * read fail with a 500 or fill the heap: a read of more checkpoints or payload bytes than the
 * limits is refused before they are loaded, a tree deeper than the limit is refused before it is
 * nested or written as assets (its outline and flat list stay readable), and at most {@value
 * #CONCURRENT_READS} reads with payloads run at once.
 */
public final class TreeReads {
  /** Trees with payloads held at once; more wait, then are told to retry. */
  static final int CONCURRENT_READS = 2;

  /** Outlines hold no payloads: this many times the checkpoint limit may be outlined. */
  static final int OUTLINE_FACTOR = 10;

  private static final long WAIT_SECONDS = 30;

  private final CheckpointStore store;
  private final Limits limits;
  private final Semaphore reads = new Semaphore(CONCURRENT_READS, true);

  /**
   * The limits of one read.
   *
   * @param maxDepth the deepest tree nested or written as assets
   * @param maxCheckpoints the most checkpoints read with their payloads
   * @param maxBytes the most payload bytes (characters) read at once
   */
  public record Limits(int maxDepth, int maxCheckpoints, long maxBytes) {}

  public TreeReads(CheckpointStore store, Limits limits) {
    this.store = store;
    this.limits = limits;
  }

  /**
   * Runs a read that loads trees with their payloads, holding one of the read slots for all of it,
   * so that what it builds from them is bounded too. Every tree it loads through the budget counts
   * against the limits together.
   *
   * @throws SelectionException when the read slots stay taken, or from the budget
   */
  public <T> T reading(Function<Budget, T> read) {
    acquire();
    try {
      return read.apply(new Budget());
    } finally {
      reads.release();
    }
  }

  /** The checkpoints and payload bytes one read may still load. */
  public final class Budget {
    private int checkpoints;
    private long bytes;

    private Budget() {}

    /**
     * The checkpoints of a trace with their payloads.
     *
     * @throws SelectionException when nothing of it is stored or it takes the read over the limits
     */
    public List<Checkpoint> load(String traceId) {
      List<Checkpoint> loaded =
          store
              .trace(traceId, limits.maxCheckpoints() - checkpoints, limits.maxBytes() - bytes)
              .orElseThrow(() -> tooLarge(traceId));
      if (loaded.isEmpty()) {
        throw noTrace(traceId);
      }
      checkpoints += loaded.size();
      for (Checkpoint checkpoint : loaded) {
        bytes += checkpoint.payloadChars();
      }
      return loaded;
    }

    /** Counts the whole trace, which the bounded read stopped short of, for the message. */
    private SelectionException tooLarge(String traceId) {
      TraceSize size = store.traceSize(traceId);
      return SelectionException.tooLarge(
          "Reading trace "
              + traceId
              + " takes "
              + (checkpoints + size.checkpoints())
              + " checkpoints with "
              + (bytes + size.payloadChars())
              + " bytes of payloads, more than one read takes (limits.max-tree-checkpoints "
              + limits.maxCheckpoints()
              + ", limits.max-tree-bytes "
              + limits.maxBytes()
              + "). Read fewer trees at once, or the outline (GET /api/v1/traces/"
              + traceId
              + "/outline) and the checkpoints you need one by one.");
    }
  }

  /**
   * The outline of a trace, without payloads.
   *
   * @throws SelectionException when nothing of the trace is stored or it is over the limit
   */
  public List<CheckpointOutline> outline(String traceId) {
    int maxOutlined =
        (int) Math.min(Integer.MAX_VALUE, (long) limits.maxCheckpoints() * OUTLINE_FACTOR);
    List<CheckpointOutline> outline =
        store
            .traceOutline(traceId, maxOutlined)
            .orElseThrow(
                () ->
                    SelectionException.tooLarge(
                        "Trace "
                            + traceId
                            + " has more than "
                            + maxOutlined
                            + " checkpoints, more than an outline lists (10 times"
                            + " limits.max-tree-checkpoints). Search its checkpoints by service,"
                            + " kind or name (GET /api/v1/checkpoints) instead."));
    if (outline.isEmpty()) {
      throw noTrace(traceId);
    }
    return outline;
  }

  /**
   * Refuses a tree deeper than the limit, for reads that nest it or write it as assets.
   *
   * @param depth its depth, 0 for a tree of roots only
   * @throws SelectionException when it is too deep
   */
  public void checkDepth(String traceId, int depth) {
    if (depth >= limits.maxDepth()) {
      throw SelectionException.tooLarge(
          "Trace "
              + traceId
              + " is "
              + (depth + 1)
              + " checkpoints deep, deeper than limits.max-tree-depth ("
              + limits.maxDepth()
              + ") allows nested or as assets. Read it flat (GET /api/v1/traces/"
              + traceId
              + "/checkpoints or /outline).");
    }
  }

  /** The depth of linked checkpoints: 0 when all are roots. */
  public static <T> int depth(List<CheckpointTrees.Placed<T>> walk) {
    int depth = 0;
    for (CheckpointTrees.Placed<T> placed : walk) {
      depth = Math.max(depth, placed.depth());
    }
    return depth;
  }

  private void acquire() {
    try {
      if (reads.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new SelectionException(
        SelectionException.Problem.BUSY,
        "The server is reading as many large trees as it holds at once; retry shortly.",
        null);
  }

  private static SelectionException noTrace(String traceId) {
    return SelectionException.notFound("No checkpoint of trace " + traceId + " is stored.");
  }
}
