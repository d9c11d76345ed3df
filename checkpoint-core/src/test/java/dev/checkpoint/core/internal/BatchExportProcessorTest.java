package dev.checkpoint.core.internal;

import static dev.checkpoint.core.export.SampleCheckpoints.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.core.model.CheckpointData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The export queue's bounds and its reports, against a sink the test holds up at will. */
class BatchExportProcessorTest {

  private static final ExportSettings SMALL =
      ExportSettings.builder()
          .maxQueueSize(10)
          .maxBatchSize(10)
          .exportInterval(Duration.ofMillis(20))
          .initialBackoff(Duration.ofMillis(10))
          .maxBackoff(Duration.ofMillis(40))
          .retryWindow(Duration.ofSeconds(30))
          .build();

  private final AtomicLong clock = new AtomicLong();
  private final HeldSink sink = new HeldSink();
  private final CapturedLog log = new CapturedLog(BatchExportProcessor.class.getName() + ".test");
  private BatchExportProcessor processor;

  @AfterEach
  void stop() {
    sink.permits.release(1000);
    processor.shutdown(Duration.ofSeconds(2));
    log.close();
  }

  @Test
  void queueFullDropsAreLoggedAtMostOnceAMinuteWithTheCountSinceTheLastLine() {
    processor = new BatchExportProcessor("test", sink, SMALL, clock::get);

    fillWhileTheSinkIsHeld(90);
    sink.permits.release(2);
    assertThat(processor.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(log.messages())
        .singleElement()
        .asString()
        .startsWith("WARNING Dropped 90 checkpoints since this was last logged")
        .contains("export queue was full (at most 10 checkpoints")
        .contains("CHECKPOINT_QUEUE_SIZE");

    fillWhileTheSinkIsHeld(40);
    sink.permits.release(2);
    assertThat(processor.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(log.messages()).as("within the minute").hasSize(1);

    clock.addAndGet(TimeUnit.SECONDS.toNanos(61));
    assertThat(processor.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(log.messages())
        .hasSize(2)
        .last()
        .asString()
        .startsWith("WARNING Dropped 40 checkpoints since this was last logged");
    assertThat(processor.stats().dropped()).isEqualTo(130);
  }

  @Test
  void aBatchBeingRetriedKeepsCountingAgainstTheQueueBounds() {
    sink.outcome = BatchSink.SinkResult.retry(0, "server restarting");
    sink.permits.release(1000);
    processor = new BatchExportProcessor("test", sink, SMALL, clock::get);
    for (int i = 0; i < 10; i++) {
      processor.export(sample(i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.writes.get() >= 2);

    for (int i = 10; i < 20; i++) {
      processor.export(sample(i));
    }

    assertThat(processor.stats().queued()).isEqualTo(10);
    assertThat(processor.stats().dropped()).isEqualTo(10);
  }

  /** Holds the sink in a write of one checkpoint, fills the queue, and drops {@code extra} more. */
  private void fillWhileTheSinkIsHeld(int extra) {
    int writesBefore = sink.writes.get();
    processor.export(sample(0));
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.writes.get() > writesBefore);
    for (int i = 0; i < SMALL.maxQueueSize() - 1 + extra; i++) {
      processor.export(sample(i));
    }
  }

  /** Each write waits for a permit (at most 10 s, so a broken test still ends). */
  private static final class HeldSink implements BatchSink {
    final Semaphore permits = new Semaphore(0);
    final AtomicInteger writes = new AtomicInteger();
    volatile SinkResult outcome = SinkResult.OK;

    @Override
    public SinkResult write(List<CheckpointData> batch) {
      writes.incrementAndGet();
      try {
        if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
          return SinkResult.retry(0, "the test held the sink for 10 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return outcome;
    }
  }
}
