package dev.checkpoint.benchmarks;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.internal.Wrappers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a checkpoint while recording is OFF, against a direct call of the same method in the
 * same run: through the facade, through the wrapper {@code Checkpoints.wrap} generates with
 * checkpoint-core, and through the JDK proxy it falls back to without. Target: at most 2 ns/op over
 * the direct call and 0 B/op (run with {@code -prof gc}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DisabledCheckpointBenchmark {

  /** The interface under test. */
  public interface Pricing {
    /**
     * Prices an order.
     *
     * @param order the order
     * @return the total in cents
     */
    @Checkpoint
    long price(SamplePayloads.Order order);
  }

  static final class SimplePricing implements Pricing {
    @Override
    public long price(SamplePayloads.Order order) {
      long total = 0;
      for (SamplePayloads.Line line : order.lines()) {
        total += line.priceCents() * line.quantity();
      }
      return total;
    }
  }

  private Pricing direct;
  private Pricing generated;
  private Pricing proxied;
  private SamplePayloads.Order order;

  /** Installs a real recorder in mode OFF, as an application with recording off has it. */
  @Setup
  public void setUp() {
    CheckpointRecorder.builder().mode(RecordingMode.OFF).build().install();
    direct = new SimplePricing();
    generated = Checkpoints.wrap(Pricing.class, new SimplePricing());
    proxied = Wrappers.proxy(Pricing.class, new SimplePricing());
    order = SamplePayloads.smallOrder();
  }

  /**
   * The baseline.
   *
   * @return the price
   */
  @Benchmark
  public long directCall() {
    return direct.price(order);
  }

  /**
   * {@code Checkpoints.record} around the same call.
   *
   * @return the price
   */
  @Benchmark
  public long facadeOff() {
    return Checkpoints.record("Pricing.price", order, () -> direct.price(order));
  }

  /**
   * The same call through {@code Checkpoints.wrap}: the generated wrapper.
   *
   * @return the price
   */
  @Benchmark
  public long generatedOff() {
    return generated.price(order);
  }

  /**
   * The same call through the JDK proxy {@code Checkpoints.wrap} uses without checkpoint-core.
   *
   * @return the price
   */
  @Benchmark
  public long proxyOff() {
    return proxied.price(order);
  }
}
