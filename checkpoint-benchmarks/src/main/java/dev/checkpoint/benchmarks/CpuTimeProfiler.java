package dev.checkpoint.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the benchmark process's CPU time per operation ({@code cpu.time.norm}, ns/op): on two
 * shared cores wall-clock time per op grows with whatever else runs, while CPU time stays close to
 * the work done, and it includes the threads the benchmark does not run itself (an exporter's
 * worker, GC). Use with {@code -prof dev.checkpoint.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private long cpuBefore;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuBefore = OS.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = OS.getProcessCpuTime() - cpuBefore;
    long ops = result.getMetadata().getAllOps();
    return List.of(
        new ScalarResult(
            "cpu.time.norm",
            ops == 0 ? Double.NaN : (double) cpu / ops,
            "ns/op",
            AggregationPolicy.AVG));
  }
}
