package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.server.ServerConfig;
import dev.checkpoint.server.internal.ingest.BatchParser;
import dev.checkpoint.server.internal.ingest.InvalidBatchException;
import dev.checkpoint.server.internal.storage.Checkpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
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
 * The server's batch parser on the load harness's batch (100 checkpoints of varied orders, about
 * 125 KB of JSON), against Jackson reading the same bytes into a tree in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BatchParserBenchmark {

  private final ObjectMapper mapper = new ObjectMapper();
  private final BatchParser parser =
      new BatchParser(Long.MAX_VALUE, Long.MAX_VALUE, ServerConfig.DEFAULT_MAX_TREE_DEPTH);
  private byte[] body;

  /** Builds the batch. */
  @Setup
  public void setUp() {
    body = IngestLoadHarness.batch(7);
  }

  /**
   * The baseline: Jackson's tree of the same bytes.
   *
   * @return the tree
   * @throws IOException never, for this batch
   */
  @Benchmark
  public JsonNode jacksonTree() throws IOException {
    return mapper.readTree(body);
  }

  /**
   * The parser: read, validate, keep payloads as received.
   *
   * @return the checkpoints
   * @throws IOException never, for this batch
   * @throws InvalidBatchException never, for this batch
   */
  @Benchmark
  public List<Checkpoint> parse() throws IOException, InvalidBatchException {
    return parser.parse(new ByteArrayInputStream(body), false);
  }
}
