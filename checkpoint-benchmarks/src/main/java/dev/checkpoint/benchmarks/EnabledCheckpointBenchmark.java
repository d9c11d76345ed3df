package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.ExportSettings;
import dev.checkpoint.core.export.ExporterStats;
import dev.checkpoint.core.export.JsonlFileExporter;
import dev.checkpoint.core.export.WireFormat;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.internal.Wrappers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a recorded checkpoint with a ~200-byte input and output, against the direct call.
 *
 * <p>{@code exporter=inline} writes every checkpoint in the wire format to a null sink on the
 * recording thread, so one op is the full cost of capture plus serialisation. {@code
 * exporter=jsonl} uses the real JSONL exporter (queue + worker thread) on a null stream: the
 * recording thread's own cost; checkpoints the worker cannot keep up with are dropped and the count
 * is printed at tear-down.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EnabledCheckpointBenchmark {

  @Param({"inline", "jsonl"})
  String exporter;

  private CheckpointRecorder recorder;
  private SamplePayloads.Order order;
  private DisabledCheckpointBenchmark.Pricing pricing;
  private DisabledCheckpointBenchmark.Pricing generated;
  private DisabledCheckpointBenchmark.Pricing proxied;

  /** Installs a recorder in mode ON with the chosen exporter. */
  @Setup(Level.Trial)
  public void setUp() {
    CheckpointExporter chosen =
        exporter.equals("inline")
            ? new InlineNullExporter()
            : JsonlFileExporter.create(OutputStream.nullOutputStream(), ExportSettings.defaults());
    recorder =
        CheckpointRecorder.builder()
            .service("bench")
            .mode(RecordingMode.ON)
            .exporter(chosen)
            .build()
            .install();
    order = SamplePayloads.smallOrder();
    pricing = new DisabledCheckpointBenchmark.SimplePricing();
    generated = Checkpoints.wrap(DisabledCheckpointBenchmark.Pricing.class, pricing);
    proxied = Wrappers.proxy(DisabledCheckpointBenchmark.Pricing.class, pricing);
  }

  /** Reports what the exporter did, so dropped checkpoints are visible next to the score. */
  @TearDown(Level.Trial)
  public void tearDown() {
    recorder.shutdown(Duration.ofSeconds(10));
    ExporterStats stats = recorder.exporter().stats();
    System.out.printf(
        "%n[%s exporter] exported=%d dropped=%d%n", exporter, stats.exported(), stats.dropped());
  }

  /**
   * The baseline.
   *
   * @return the price
   */
  @Benchmark
  public long directCall() {
    return pricing.price(order);
  }

  /**
   * One recorded checkpoint: input and output captured, exported.
   *
   * @return the order, recorded as output
   */
  @Benchmark
  public Object recorded() {
    return Checkpoints.record("Orders.echo", order, () -> order);
  }

  /**
   * The priced order recorded through the facade: the order as input, the total as output.
   *
   * @return the price
   */
  @Benchmark
  public long facadeOn() {
    return Checkpoints.record("Pricing.price", order, () -> pricing.price(order));
  }

  /**
   * The same call recorded by the wrapper {@code Checkpoints.wrap} generates.
   *
   * @return the price
   */
  @Benchmark
  public long generatedOn() {
    return generated.price(order);
  }

  /**
   * The same call recorded by the JDK proxy {@code Checkpoints.wrap} uses without checkpoint-core.
   *
   * @return the price
   */
  @Benchmark
  public long proxyOn() {
    return proxied.price(order);
  }

  /** Serialises each checkpoint on the calling thread into a null sink. */
  static final class InlineNullExporter implements CheckpointExporter {
    private final JsonGenerator generator;
    private long exported;

    InlineNullExporter() {
      try {
        generator = new JsonFactory().createGenerator(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void export(CheckpointData checkpoint) {
      try {
        WireFormat.write(generator, checkpoint);
        generator.flush();
        exported++;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public boolean shutdown(Duration timeout) {
      return true;
    }

    @Override
    public ExporterStats stats() {
      return new ExporterStats(0, exported, 0, 0, 0);
    }
  }
}
