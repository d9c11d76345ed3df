package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that send their body a byte at a time hold no ingestion slot the others need. */
class SlowClientsTest {
  @TempDir Path directory;

  /** Sends headers and the start of a long body, which the test goes on sending slowly. */
  private static Socket slowUpload(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(20_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /api/v1/checkpoints HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                + " ".repeat(2048))
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  @Test
  void normalClientsKeepIngestingWhileEightSlowOnesSendTheirBodies() throws Exception {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      List<Socket> slow = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        slow.add(slowUpload(server.port()));
      }
      Http http = new Http(server.port(), Duration.ofSeconds(5));
      byte[] spaces = " ".repeat(400).getBytes(StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 10; i++) {
          // 2 KB a second each: above the minimum data rate, so these clients stay connected.
          for (Socket socket : slow) {
            socket.getOutputStream().write(spaces);
          }
          long started = System.nanoTime();
          int status =
              http.postBatch(
                      batch(
                          "shop",
                          checkpoint(String.format("a%015x", i + 1), null, "METHOD", "m", i)))
                  .statusCode();
          assertThat(status).isEqualTo(200);
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .isLessThan(Duration.ofSeconds(3));
          Thread.sleep(200);
        }
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  @Test
  void aClientBelowTheMinimumDataRateIsCutOff() throws Exception {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build());
        Socket socket = slowUpload(server.port())) {
      // A byte a second: at the next read the server answers 408 and closes the connection.
      String answer = "";
      for (int second = 0; second < 15 && answer.isEmpty(); second++) {
        try {
          socket.getOutputStream().write(' ');
          Thread.sleep(1000);
        } catch (IOException closed) {
          // The server closed the connection after answering.
        }
        if (socket.getInputStream().available() > 0 || socket.isInputShutdown()) {
          answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
      }

      assertThat(answer).isEqualTo("HTTP/1.1 408");
    }
  }
}
