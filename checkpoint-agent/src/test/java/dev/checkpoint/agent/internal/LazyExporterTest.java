package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.Kind;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.model.Payload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyExporterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void theExporterIsCreatedOnTheFirstExportOnly() {
    AtomicInteger created = new AtomicInteger();
    InMemoryExporter memory = InMemoryExporter.create();
    LazyExporter lazy =
        new LazyExporter(
            () -> {
              created.incrementAndGet();
              return memory;
            });

    assertThat(lazy.flush(TIMEOUT)).isTrue();
    assertThat(lazy.stats().exported()).isZero();
    assertThat(created).hasValue(0);

    lazy.export(checkpoint("first"));
    lazy.export(checkpoint("second"));

    assertThat(created).hasValue(1);
    assertThat(memory.checkpoints())
        .extracting(CheckpointData::name)
        .containsExactly("first", "second");
  }

  @Test
  void shuttingDownBeforeAnyExportCreatesNothing() {
    AtomicInteger created = new AtomicInteger();
    LazyExporter lazy =
        new LazyExporter(
            () -> {
              created.incrementAndGet();
              return InMemoryExporter.create();
            });

    assertThat(lazy.shutdown(TIMEOUT)).isTrue();
    lazy.export(checkpoint("after shutdown"));

    assertThat(created).hasValue(0);
  }

  @Test
  void anExporterThatCannotBeCreatedDropsCheckpointsWithoutThrowing() {
    AtomicInteger attempts = new AtomicInteger();
    LazyExporter lazy =
        new LazyExporter(
            () -> {
              attempts.incrementAndGet();
              throw new IllegalStateException("no such directory");
            });

    lazy.export(checkpoint("first"));
    lazy.export(checkpoint("second"));

    assertThat(attempts).hasValue(1);
    assertThat(lazy.shutdown(TIMEOUT)).isTrue();
  }

  @Test
  void onlyTheCreatingThreadIsToldThatItCreatesTheExporter() throws InterruptedException {
    AtomicBoolean seenByCreator = new AtomicBoolean();
    AtomicBoolean seenByOther = new AtomicBoolean(true);
    LazyExporter[] lazy = new LazyExporter[1];
    lazy[0] =
        new LazyExporter(
            () -> {
              seenByCreator.set(lazy[0].isCreatingOnThisThread());
              Thread other = new Thread(() -> seenByOther.set(lazy[0].isCreatingOnThisThread()));
              other.start();
              try {
                other.join(TIMEOUT.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return CheckpointExporter.noop();
            });

    lazy[0].export(checkpoint("first"));

    assertThat(seenByCreator).isTrue();
    assertThat(seenByOther).isFalse();
    assertThat(lazy[0].isCreatingOnThisThread()).isFalse();
  }

  private static CheckpointData checkpoint(String name) {
    long start = 1_763_900_000_123_456_789L;
    return new CheckpointData(
        "00f067aa0ba902b7",
        "0af7651916cd43dd8448eb211c80319c",
        null,
        "run-1",
        "orders",
        Kind.METHOD,
        name,
        start,
        start + 10_000,
        "main",
        Payload.EMPTY_OBJECT,
        Payload.EMPTY_OBJECT,
        null,
        Payload.EMPTY_OBJECT,
        List.of(),
        List.of());
  }
}
