package dev.checkpoint.core.internal;

import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.core.export.ExporterStats;
import dev.checkpoint.core.model.CheckpointData;
import java.lang.System.Logger.Level;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The export queue: a bounded queue (by count and by bytes) drained by one daemon thread into a
 * {@link BatchSink}, with retries and exponential backoff, then drop-and-count. Modelled on
 * OpenTelemetry's BatchSpanProcessor: the recording thread only ever offers to the queue.
 */
public final class BatchExportProcessor implements CheckpointExporter {

  private final BatchSink sink;
  private final ExportSettings settings;
  private final ArrayBlockingQueue<CheckpointData> queue;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong exportedBatches = new AtomicLong();
  private final AtomicLong failedBatches = new AtomicLong();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> flushRequests =
      new ConcurrentLinkedQueue<>();
  private final ThrottledLog log;
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
    this.sink = sink;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.maxQueueSize());
    this.log = new ThrottledLog(BatchExportProcessor.class.getName() + "." + name);
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
    if (queuedBytes.addAndGet(size) > settings.maxQueueBytes()) {
      queuedBytes.addAndGet(-size);
      dropped.incrementAndGet();
      return;
    }
    if (!queue.offer(checkpoint)) {
      queuedBytes.addAndGet(-size);
      dropped.incrementAndGet();
      return;
    }
    if (queue.size() >= settings.maxBatchSize()) {
      LockSupport.unpark(worker);
    }
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
        queue.size(), exported.get(), dropped.get(), exportedBatches.get(), failedBatches.get());
  }

  private void work() {
    long nextExport = System.nanoTime() + settings.exportInterval().toNanos();
    while (true) {
      try {
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
        log.log(Level.ERROR, "Checkpoint export worker failed and continues: " + e, e);
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
      long size = next.estimatedBytes();
      queuedBytes.addAndGet(-size);
      batchBytes += size;
      batch.add(next);
    }
    if (!batch.isEmpty()) {
      send(batch);
    }
    return batch.size();
  }

  private void send(List<CheckpointData> batch) {
    for (int attempt = 1; ; attempt++) {
      BatchSink.SinkResult result = write(batch);
      if (result.outcome() == BatchSink.Outcome.OK) {
        exported.addAndGet(batch.size());
        exportedBatches.incrementAndGet();
        return;
      }
      long waitNanos =
          Math.max(TimeUnit.MILLISECONDS.toNanos(result.retryAfterMillis()), backoffNanos(attempt));
      if (result.outcome() == BatchSink.Outcome.REJECTED
          || attempt >= settings.maxAttempts()
          || !waitUnlessPastDeadline(waitNanos)) {
        giveUp(batch, attempt, result.detail());
        return;
      }
    }
  }

  private BatchSink.SinkResult write(List<CheckpointData> batch) {
    try {
      return sink.write(batch);
    } catch (RuntimeException e) {
      return BatchSink.SinkResult.retry(0, e.toString());
    }
  }

  private void giveUp(List<CheckpointData> batch, int attempts, String detail) {
    failedBatches.incrementAndGet();
    dropped.addAndGet(batch.size());
    log.log(
        Level.WARNING,
        "Dropped a batch of "
            + batch.size()
            + " checkpoints after "
            + attempts
            + " attempt(s): "
            + detail
            + ". Check that the checkpoint server is reachable at the configured endpoint.",
        null);
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
      queuedBytes.addAndGet(-next.estimatedBytes());
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
