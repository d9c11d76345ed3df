package dev.checkpoint.server.internal.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One writer thread that commits the batches waiting at that moment in a single transaction. SQLite
 * has one writer anyway; most of its cost is writing pages at commit, and consecutive batches touch
 * the same index and table pages, so a shared commit writes far fewer of them. Each batch is still
 * acknowledged only after the commit that holds it.
 */
final class GroupCommit implements AutoCloseable {
  private static final int MAX_QUEUED_BATCHES = 256;
  private static final int MAX_GROUP_CHECKPOINTS = 5_000;
  private static final long WAIT_SECONDS = 60;

  /** Writes a group of batches in one transaction and returns one result per batch. */
  @FunctionalInterface
  interface Writer {
    List<IngestResult> write(List<List<Checkpoint>> batches);
  }

  private record Pending(List<Checkpoint> checkpoints, CompletableFuture<IngestResult> result) {}

  /** Queued by {@link #close()}: the writer stops when it reaches it. */
  private static final Pending END = new Pending(List.of(), new CompletableFuture<>());

  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_QUEUED_BATCHES);
  private final Writer writer;
  private final Thread thread;
  private volatile boolean closed;

  GroupCommit(String name, Writer writer) {
    this.writer = writer;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a batch and waits for the commit that holds it. */
  IngestResult submit(List<Checkpoint> checkpoints) {
    Pending pending = new Pending(checkpoints, new CompletableFuture<>());
    try {
      if (closed || !queue.offer(pending, WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new StorageUnavailableException(
            "The database writer is closed or has fallen behind; retry the batch later.", null);
      }
      return pending.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("Interrupted while waiting for the commit", e);
    } catch (TimeoutException e) {
      // The batch may still commit; a retry is then counted as duplicates, which is safe.
      throw new StorageUnavailableException(
          "The database did not commit within " + WAIT_SECONDS + " s; retry the batch later.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StorageUnavailableException unavailable) {
        throw unavailable;
      }
      throw new StorageUnavailableException(
          "The database writer failed ("
              + e.getCause().getClass().getSimpleName()
              + "); the server's log has the details.",
          e.getCause());
    }
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    boolean end = false;
    while (!end) {
      try {
        Pending next = queue.take();
        int size = 0;
        while (next != null && !(end = next == END)) {
          group.add(next);
          size += next.checkpoints().size();
          next = size < MAX_GROUP_CHECKPOINTS ? queue.poll() : null;
        }
        if (!group.isEmpty()) {
          write(group);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        end = true;
      } finally {
        group.clear();
      }
    }
    for (Pending left : queue) {
      left.result()
          .completeExceptionally(
              new StorageUnavailableException(
                  "The store closed before this batch was written", null));
    }
  }

  private void write(List<Pending> group) {
    try {
      List<IngestResult> results = writer.write(group.stream().map(Pending::checkpoints).toList());
      for (int i = 0; i < group.size(); i++) {
        group.get(i).result().complete(results.get(i));
      }
    } catch (RuntimeException e) {
      // Nothing of the group was committed: every batch in it fails and its client retries.
      group.forEach(pending -> pending.result().completeExceptionally(e));
    }
  }

  /** Writes what is queued, then stops the writer thread. */
  @Override
  public void close() {
    closed = true;
    try {
      if (queue.offer(END, WAIT_SECONDS, TimeUnit.SECONDS)) {
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
