package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.TreeDiff;
import java.util.ArrayList;
import java.util.List;
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
 * The structural diff of two checkpoint trees of 10,000 checkpoints each (one request, 99 method
 * calls with 100 SQL, HTTP and method calls each, every checkpoint with a small order payload), as
 * the scenario runner computes it for every step. Target: at most 1 s per diff.
 *
 * <p>{@code changedTrees}: the actual tree has 1% of outputs changed, 10 calls added and 10
 * removed. {@code identicalTrees}: the common case of no drift.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AssetDiffBenchmark {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final WireCheckpoints CHECKPOINTS = new WireCheckpoints("orders");
  private static final String[] CALLS = {
    "SQL:select * from orders where id = ?",
    "SQL:insert into order_lines values (?, ?, ?)",
    "HTTP_CLIENT:POST /payments",
    "METHOD:PriceService.quote",
    "SQL:update stock set quantity = quantity - ? where sku = ?"
  };

  /** Checkpoints per tree. */
  @Param({"10000"})
  public int checkpoints;

  private List<CheckpointNode> expected;
  private List<CheckpointNode> changed;
  private List<CheckpointNode> identical;
  private final StructuralDiff diff = StructuralDiff.defaults();

  /** Builds the trees once; only the diff is measured. */
  @Setup
  public void setUp() {
    expected = CheckpointTrees.assemble(tree(checkpoints, false));
    identical = CheckpointTrees.assemble(tree(checkpoints, false));
    changed = CheckpointTrees.assemble(tree(checkpoints, true));
  }

  /**
   * Diffs trees with some drift.
   *
   * @return the diff
   */
  @Benchmark
  public TreeDiff changedTrees() {
    return diff.compare(expected, changed);
  }

  /**
   * Diffs equal trees.
   *
   * @return the (empty) diff
   */
  @Benchmark
  public TreeDiff identicalTrees() {
    return diff.compare(expected, identical);
  }

  /**
   * Wire-format checkpoints of one tree: a root, {@code size / 101} methods under it and 100 calls
   * under each method (the last method takes the rest).
   *
   * @param size the number of checkpoints
   * @param drift whether to change 1% of outputs, add 10 calls and remove 10
   * @return the checkpoints
   */
  static List<JsonNode> tree(int size, boolean drift) {
    List<JsonNode> wire = new ArrayList<>(size);
    wire.add(CHECKPOINTS.of("r", null, "HTTP_SERVER", "POST /orders", 0, payload(0), output(0)));
    int methods = Math.max(1, (size - 1) / 101);
    int index = 1;
    for (int m = 0; m < methods && index < size; m++) {
      String methodId = "m" + m;
      wire.add(
          CHECKPOINTS.of(methodId, "r", "METHOD", "OrderStep.run", index, payload(m), output(m)));
      index++;
      int calls = m == methods - 1 ? size - index : Math.min(100, size - index);
      for (int c = 0; c < calls; c++, index++) {
        String[] call = CALLS[c % CALLS.length].split(":", 2);
        boolean removed = drift && index % 997 == 0;
        if (removed) {
          continue;
        }
        ObjectNode output = output(index);
        if (drift && index % 100 == 0) {
          output.put("status", "CHANGED");
        }
        wire.add(
            CHECKPOINTS.of("c" + index, methodId, call[0], call[1], index, payload(index), output));
        if (drift && index % 991 == 0) {
          wire.add(
              CHECKPOINTS.of(
                  "n" + index, methodId, "METHOD", "Audit.log", index, payload(index), output));
        }
      }
    }
    return wire;
  }

  private static ObjectNode payload(int i) {
    ObjectNode input = MAPPER.createObjectNode();
    input.put("orderId", "order-" + (i % 50));
    input.put("customer", "customer-" + (i % 7));
    ArrayNode lines = input.putArray("lines");
    for (int l = 0; l < 3; l++) {
      lines.addObject().put("sku", "SKU-" + (i + l) % 40).put("quantity", l + 1).put("price", 9.95);
    }
    return input;
  }

  private static ObjectNode output(int i) {
    return MAPPER.createObjectNode().put("status", "OK").put("total", 29.85 + i % 3);
  }
}
