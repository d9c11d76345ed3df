package dev.checkpoint.core.internal;

import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.core.export.ExporterStats;
import dev.checkpoint.core.model.CheckpointData;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The export queue: a bounded queue (by count and by bytes) drained by one daemon thread into a
 * {@link BatchSink}, with retries and exponential backoff for a time window, then drop-and-count.
 * Modelled on OpenTelemetry's BatchSpanProcessor: the recording thread only ever offers to the
 * queue.
 *
 * <p>A batch taken from the queue keeps counting against the queue's bounds until it is exported or
 * dropped, so memory stays within the bounds however long a batch is retried; meanwhile new
 * checkpoints beyond the bounds are dropped, counted, and reported at most once a minute.
 */
public final class BatchExportProcessor implements CheckpointExporter {

  private final BatchSink sink;
  private final ExportSettings settings;
  private final ArrayBlockingQueue<CheckpointData> queue;
  // Checkpoints queued or in the batch being sent, and their estimated bytes: what the bounds
  // bound.
  private final AtomicInteger held = new AtomicInteger();
  private final AtomicLong heldBytes = new AtomicLong();
  private final AtomicLong droppedQueueFull = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong exportedBatches = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests =
      new ConcurrentLinkedQueue<>();
  private final ThrottledLog workerLog;
  private final ThrottledLog batchDroppedLog;
  private final ThrottledLog retryAfterLog;
  private final ThrottledLog queueFullLog;
  private final Thread worker;
  private volatile boolean shutdown;
  private volatile long shutdownDeadlineNanos;

  /**
   * Creates the processor and starts its worker thread.
   *
   * @param name names the worker thread and the log, such as {@code http}
   * @param sink where batches go
   * @param settings the bounds
   */
  public BatchExportProcessor(String name, BatchSink sink, ExportSettings settings) {
    this(name, sink, settings, System::nanoTime);
  }

  /**
   * Creates the processor with the clock its log throttles use, so that a test can let a minute
   * pass at once; retries still wait in real time.
   */
  BatchExportProcessor(
      String name, BatchSink sink, ExportSettings settings, LongSupplier logClock) {
    this.sink = sink;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.maxQueueSize());
    String logName = BatchExportProcessor.class.getName() + "." + name;
    this.workerLog = new ThrottledLog(logName, logClock);
    this.batchDroppedLog = new ThrottledLog(logName, logClock);
    this.retryAfterLog = new ThrottledLog(logName, logClock);
    this.queueFullLog = new ThrottledLog(logName, logClock);
    this.worker = new Thread(this::work, "checkpoint-exporter-" + name);
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void export(CheckpointData checkpoint) {
    if (shutdown) {
      dropped.incrementAndGet();
      return;
    }
    long size = checkpoint.estimatedBytes();
    if (!hold(size)) {
      droppedQueueFull.incrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    // Never full: its capacity is the bound on held checkpoints, and this one is held already.
    queue.offer(checkpoint);
    if (queue.size() >= settings.maxBatchSize()) {
      LockSupport.unpark(worker);
    }
  }

  private boolean hold(long size) {
    if (heldBytes.addAndGet(size) > settings.maxQueueBytes()) {
      heldBytes.addAndGet(-size);
      return false;
    }
    if (held.incrementAndGet() > settings.maxQueueSize()) {
      release(1, size);
      return false;
    }
    return true;
  }

  private void release(int count, long bytes) {
    held.addAndGet(-count);
    heldBytes.addAndGet(-bytes);
  }

  @Override
  public boolean flush(Duration timeout) {
    if (!worker.isAlive()) {
      return queue.isEmpty();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    flushRequests.add(done);
    LockSupport.unpark(worker);
    return await(done, timeout);
  }

  @Override
  public boolean shutdown(Duration timeout) {
    shutdownDeadlineNanos = System.nanoTime() + timeout.toNanos();
    shutdown = true;
    LockSupport.unpark(worker);
    try {
      worker.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean complete = !worker.isAlive() && queue.isEmpty();
    dropRemaining();
    sink.close();
    return complete;
  }

  @Override
  public ExporterStats stats() {
    return new ExporterStats(
        held.get(), exported.get(), dropped.get(), exportedBatches.get(), failedBatches.get());
  }

  private void work() {
    long nextExport = System.nanoTime() + settings.exportInterval().toNanos();
    while (true) {
      try {
        reportQueueFull();
        List<CompletableFuture<Void>> flushes = pollFlushRequests();
        boolean draining = shutdown || !flushes.isEmpty();
        long now = System.nanoTime();
        if (draining) {
          exportQueued();
        } else if (queue.size() >= settings.maxBatchSize() || now - nextExport >= 0) {
          exportBatch();
        } else {
          LockSupport.parkNanos(this, nextExport - now);
          continue;
        }
        flushes.forEach(flush -> flush.complete(null));
        nextExport = System.nanoTime() + settings.exportInterval().toNanos();
        if (shutdown && (queue.isEmpty() || System.nanoTime() - shutdownDeadlineNanos >= 0)) {
          return;
        }
      } catch (RuntimeException e) {
        workerLog.log(Level.ERROR, "Checkpoint export worker failed and continues: " + e, e);
      }
    }
  }

  private List<CompletableFuture<Void>> pollFlushRequests() {
    List<CompletableFuture<Void>> requests = new ArrayList<>();
    for (CompletableFuture<Void> request; (request = flushRequests.poll()) != null; ) {
      requests.add(request);
    }
    return requests;
  }

  /** Exports what is queued now, but not what keeps arriving, so a flush always ends. */
  private void exportQueued() {
    int remaining = queue.size();
    while (remaining > 0) {
      int sent = exportBatch();
      if (sent == 0) {
        return;
      }
      remaining -= sent;
    }
  }

  private int exportBatch() {
    List<CheckpointData> batch = new ArrayList<>(Math.min(queue.size(), settings.maxBatchSize()));
    long batchBytes = 0;
    while (batch.size() < settings.maxBatchSize() && batchBytes < settings.maxBatchBytes()) {
      CheckpointData next = queue.poll();
      if (next == null) {
        break;
      }
      batchBytes += next.estimatedBytes();
      batch.add(next);
    }
    if (!batch.isEmpty()) {
      try {
        send(batch);
      } finally {
        // Even when the worker fails, the bounds must not shrink for good.
        release(batch.size(), batchBytes);
      }
    }
    return batch.size();
  }

  /** Sends until the batch is taken, refused, or has failed for the whole retry window. */
  private void send(List<CheckpointData> batch) {
    long firstFailure = 0;
    for (int attempt = 1; ; attempt++) {
      BatchSink.SinkResult result = write(batch);
      reportQueueFull();
      if (result.outcome() == BatchSink.Outcome.OK) {
        exported.addAndGet(batch.size());
        exportedBatches.incrementAndGet();
        return;
      }
      if (result.outcome() == BatchSink.Outcome.REJECTED) {
        drop(
            batch,
            "the checkpoint server refused it: "
                + result.detail()
                + ". Retrying cannot help; the server's log says more.");
        return;
      }
      long now = System.nanoTime();
      if (attempt == 1) {
        firstFailure = now;
      }
      long windowLeft = settings.retryWindow().toNanos() - (now - firstFailure);
      if (windowLeft <= 0) {
        drop(
            batch,
            attempts(attempt, firstFailure)
                + ", which is the retry window (CHECKPOINT_EXPORT_RETRY_WINDOW_MS); the last"
                + " failed: "
                + result.detail()
                + ". Check that the checkpoint server is reachable at the configured endpoint.");
        return;
      }
      if (!waitUnlessPastDeadline(Math.min(waitNanos(attempt, result), windowLeft))) {
        drop(
            batch,
            attempts(attempt, firstFailure)
                + " when the exporter was shut down; the last failed: "
                + result.detail());
        return;
      }
    }
  }

  private static String attempts(int attempts, long firstFailure) {
    return attempts
        + " attempt(s), retried for "
        + seconds(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstFailure));
  }

  private BatchSink.SinkResult write(List<CheckpointData> batch) {
    try {
      return sink.write(batch);
    } catch (RuntimeException e) {
      return BatchSink.SinkResult.retry(0, e.toString());
    }
  }

  private void drop(List<CheckpointData> batch, String why) {
    failedBatches.incrementAndGet();
    dropped.addAndGet(batch.size());
    batchDroppedLog.log(
        Level.WARNING, "Dropped a batch of " + batch.size() + " checkpoints after " + why, null);
  }

  /** The wait before the next attempt: the backoff, or longer when the server asks, up to a cap. */
  private long waitNanos(int attempt, BatchSink.SinkResult result) {
    long max = settings.maxBackoff().toNanos();
    long asked = TimeUnit.MILLISECONDS.toNanos(result.retryAfterMillis());
    if (asked > max) {
      retryAfterLog.log(
          Level.INFO,
          "The checkpoint server asked to wait "
              + seconds(result.retryAfterMillis())
              + " before the next attempt (Retry-After); Checkpoint waits "
              + seconds(settings.maxBackoff().toMillis())
              + ", its longest backoff, so that one answer cannot stall export.",
          null);
      return max;
    }
    return Math.max(asked, backoffNanos(attempt));
  }

  private void reportQueueFull() {
    queueFullLog.logCount(
        Level.WARNING,
        droppedQueueFull,
        count ->
            "Dropped "
                + count
                + " checkpoints since this was last logged because the export queue was full (at"
                + " most "
                + settings.maxQueueSize()
                + " checkpoints and "
                + settings.maxQueueBytes()
                + " bytes wait, a batch being retried included). The checkpoint server is"
                + " unreachable or slower than the recording: check it, raise"
                + " CHECKPOINT_QUEUE_SIZE or CHECKPOINT_QUEUE_BYTES, or record less.");
  }

  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }

  private long backoffNanos(int attempt) {
    long initial = settings.initialBackoff().toNanos();
    long max = settings.maxBackoff().toNanos();
    long exponential = initial << Math.min(attempt - 1, 20);
    long capped = exponential <= 0 || exponential > max ? max : exponential;
    // Jitter keeps many processes that lost the same server from retrying in lock step.
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  /** Waits before a retry; during shutdown only until the deadline. */
  private boolean waitUnlessPastDeadline(long waitNanos) {
    long end = System.nanoTime() + waitNanos;
    if (shutdown && end - shutdownDeadlineNanos > 0) {
      return false;
    }
    for (long left = waitNanos; left > 0; left = end - System.nanoTime()) {
      LockSupport.parkNanos(this, left);
      if (shutdown && System.nanoTime() - shutdownDeadlineNanos >= 0) {
        return false;
      }
    }
    return true;
  }

  private void dropRemaining() {
    for (CheckpointData next; (next = queue.poll()) != null; ) {
      release(1, next.estimatedBytes());
      dropped.incrementAndGet();
    }
  }

  private static boolean await(CompletableFuture<Void> done, Duration timeout) {
    try {
      done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
