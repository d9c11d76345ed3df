package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.internal.CycleGuard;
import dev.checkpoint.core.model.Payload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Capturing a payload (serialise, redact, limit) against plain Jackson serialisation of the same
 * object in the same run. The 60 KB payload is just under the default 64 KiB limit. {@code
 * jacksonWithCycleGuard} is plain Jackson with the capture's cycle guard alone, which keeps every
 * bean being written in an identity set: its cost per bean, against {@code jacksonOnly}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PayloadCaptureBenchmark {

  @Param({"1024", "60000"})
  int bytes;

  private final ObjectMapper mapper = new ObjectMapper();
  private final ObjectMapper guarded =
      new ObjectMapper().registerModule(new SimpleModule().setSerializerModifier(new CycleGuard()));
  private final PayloadCapture capture =
      PayloadCapture.create(Redaction.defaults(), PayloadCapture.DEFAULT_MAX_BYTES);
  private SamplePayloads.Order order;

  /** Builds the payload. */
  @Setup
  public void setUp() {
    order = SamplePayloads.orderOfSize(bytes);
  }

  /**
   * The baseline: Jackson alone.
   *
   * @return the JSON bytes
   * @throws JsonProcessingException never, for this payload
   */
  @Benchmark
  public byte[] jacksonOnly() throws JsonProcessingException {
    return mapper.writeValueAsBytes(order);
  }

  /**
   * Jackson with the cycle guard the capture uses.
   *
   * @return the JSON bytes
   * @throws JsonProcessingException never, for this payload
   */
  @Benchmark
  public byte[] jacksonWithCycleGuard() throws JsonProcessingException {
    return guarded.writeValueAsBytes(order);
  }

  /**
   * Checkpoint's capture.
   *
   * @return the payload
   */
  @Benchmark
  public Payload capture() {
    return capture.capture(order, "input").payload();
  }
}
