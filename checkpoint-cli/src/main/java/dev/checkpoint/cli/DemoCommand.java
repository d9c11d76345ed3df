package dev.checkpoint.cli;

import dev.checkpoint.Checkpoints;
import dev.checkpoint.cli.internal.JsonLines;
import dev.checkpoint.cli.internal.TreeRenderer;
import dev.checkpoint.cli.internal.demo.Shop;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.CheckpointExporter;
import dev.checkpoint.core.export.JsonlFileExporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Records a few orders in a small in-process shop to a JSON Lines file and prints their trees. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Records orders placed in a small in-process shop (METHOD checkpoints through wrapped"
            + " interfaces, with async work) to a JSON Lines file and prints them as trees.")
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "checkpoint-data/demo/checkpoints.jsonl",
      description =
          "Where to write the checkpoints (replaced on each run). Default: ${DEFAULT-VALUE}")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    Files.deleteIfExists(out);
    CheckpointExporter exporter = JsonlFileExporter.create(out);
    CheckpointRecorder recorder =
        CheckpointRecorder.builder()
            .service("shop")
            .mode(RecordingMode.ON)
            .runId("demo-" + System.currentTimeMillis())
            .exporter(exporter)
            .build()
            .install();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      Shop.OrderService orders = Shop.create(executor);
      placeOrders(orders, console);
    } finally {
      executor.shutdown();
      recorder.shutdown(Duration.ofSeconds(10));
    }
    console.println();
    new TreeRenderer(true).render(JsonLines.read(out), console);
    console.printf("%nCheckpoints written to %s%n", out.toAbsolutePath());
    console.printf("Print them again with: ./checkpoint tree --payloads %s%n", out);
    console.flush();
    return 0;
  }

  private static void placeOrders(Shop.OrderService orders, PrintWriter console) {
    List<Shop.OrderRequest> requests =
        List.of(
            new Shop.OrderRequest(
                "alice",
                List.of(new Shop.Line("BOOK-1", 1), new Shop.Line("MUG-2", 2)),
                "4111111111111111"),
            new Shop.OrderRequest("bob", List.of(new Shop.Line("MUG-2", 1)), "4000000000000002"),
            new Shop.OrderRequest(
                "carol", List.of(new Shop.Line("LAMP-9", 1)), "4111111111111111"));
    for (Shop.OrderRequest request : requests) {
      try {
        Shop.Confirmation confirmation =
            Checkpoints.record(
                "demo: " + request.customer() + " orders", request, () -> orders.place(request));
        console.printf(
            "%-6s -> %s, total %s%n",
            request.customer(), confirmation.payment(), confirmation.total().setScale(2));
      } catch (Shop.UnknownProductException e) {
        console.printf("%-6s -> failed: %s%n", request.customer(), e.getMessage());
      }
    }
  }
}
