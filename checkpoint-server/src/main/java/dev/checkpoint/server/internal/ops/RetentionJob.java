package dev.checkpoint.server.internal.ops;

import dev.checkpoint.server.internal.storage.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes runs older than the retention period, hourly. Several servers on one database may run it
 * at once: the deletes are idempotent.
 */
public final class RetentionJob implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
  private static final Duration PERIOD = Duration.ofHours(1);

  private final CheckpointStore store;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;

  private RetentionJob(CheckpointStore store, Duration retention, Clock clock) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "checkpoint-retention");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts the job, first run in a minute so that start-up is not slowed by a large delete. */
  public static RetentionJob start(CheckpointStore store, int retentionDays, Clock clock) {
    RetentionJob job = new RetentionJob(store, Duration.ofDays(retentionDays), clock);
    job.scheduler.scheduleWithFixedDelay(job::runSafely, 60, PERIOD.toSeconds(), TimeUnit.SECONDS);
    return job;
  }

  /** Deletes what is due now; returns the number of runs deleted. */
  public int runOnce() {
    long cutoff = clock.millis() - retention.toMillis();
    int deleted = store.deleteOlderThan(cutoff);
    log.info("event=retention runsDeleted={} retentionDays={}", deleted, retention.toDays());
    return deleted;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // The next period tries again; a failed run must not end the schedule.
      log.warn("event=retention_failed error=\"{}\"", e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
