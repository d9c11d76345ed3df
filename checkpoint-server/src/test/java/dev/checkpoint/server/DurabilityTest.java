package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server process with SIGKILL while batches stream in, restarts it on the same SQLite
 * file, and checks that every acknowledged checkpoint is stored exactly once.
 */
class DurabilityTest {
  private static final int BATCHES = 60;
  private static final int PER_BATCH = 50;
  private static final int KILL_AFTER = 20;

  @TempDir Path directory;

  @Test
  void everyAcknowledgedCheckpointSurvivesSigkillExactlyOnce() throws Exception {
    Path database = directory.resolve("checkpoint.db");
    int port = freePort();
    AtomicReference<Process> server = new AtomicReference<>(startServer(port, database));
    CountDownLatch killPoint = new CountDownLatch(1);
    Set<String> acknowledged = new HashSet<>();
    int failures = 0;
    int restarts = 0;
    // Kills the server from another thread while the client streams, so the kill lands at an
    // arbitrary point of some request: before, during or after its commit.
    Thread killer =
        new Thread(
            () -> {
              try {
                if (killPoint.await(60, TimeUnit.SECONDS)) {
                  server.get().destroyForcibly();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "killer");
    Http http = new Http(port);
    try {
      awaitHealthy(http, server.get());
      killer.start();
      for (int b = 0; b < BATCHES; b++) {
        ObjectNode batch = batch("shop", checkpoints(b));
        for (int attempt = 0; ; attempt++) {
          assertThat(attempt).as("attempts for batch " + b).isLessThan(20);
          try {
            HttpResponse<String> response = http.postBatch(batch);
            if (response.statusCode() == 200) {
              batch.get("checkpoints").forEach(c -> acknowledged.add(c.get("id").asText()));
              if (b == KILL_AFTER) {
                killPoint.countDown();
              }
              break;
            }
          } catch (UncheckedIOException e) {
            failures++;
          }
          // A killed process may take a moment to be reaped; give it that before retrying.
          if (server.get().waitFor(200, TimeUnit.MILLISECONDS)) {
            server.set(startServer(port, database));
            restarts++;
            awaitHealthy(http, server.get());
          }
        }
      }
      killer.join(10_000);
    } finally {
      server.get().destroyForcibly();
      server.get().waitFor(10, TimeUnit.SECONDS);
    }

    assertThat(restarts).isEqualTo(1);
    assertThat(acknowledged).hasSize(BATCHES * PER_BATCH);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT id, COUNT(*) FROM checkpoints WHERE trace_id = '"
                    + Batches.TRACE
                    + "' GROUP BY id")) {
      Set<String> stored = new HashSet<>();
      while (rows.next()) {
        assertThat(rows.getInt(2)).as("copies of " + rows.getString(1)).isEqualTo(1);
        stored.add(rows.getString(1));
      }
      assertThat(stored).isEqualTo(acknowledged);
    }
    System.out.println("durability: acknowledged=" + acknowledged.size() + " failures=" + failures);
  }

  private static ObjectNode[] checkpoints(int batch) {
    List<ObjectNode> checkpoints = new ArrayList<>();
    for (int i = 0; i < PER_BATCH; i++) {
      checkpoints.add(checkpoint(String.format("f%07x%08x", batch, i + 1), null, "METHOD", "m", i));
    }
    return checkpoints.toArray(ObjectNode[]::new);
  }

  private static Process startServer(int port, Path database) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            ServerCommand.class.getName(),
            "--port",
            Integer.toString(port),
            "--db-url",
            "jdbc:sqlite:" + database)
        .redirectErrorStream(true)
        .redirectOutput(database.resolveSibling("server-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  private static void awaitHealthy(Http http, Process server) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("server process alive").isTrue();
      try {
        if (http.get("/health").statusCode() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("The server did not become healthy within 30 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
