package dev.checkpoint.cli.internal.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint server {@code checkpoint run} starts for itself when no {@code --server} is given:
 * SQLite in the data directory (the same file {@code checkpoint server} uses by default, so the
 * runs can be browsed afterwards), on a free port of 127.0.0.1.
 */
public final class EmbeddedServer {
  private EmbeddedServer() {}

  /**
   * Starts the server.
   *
   * @param dataDir the directory of {@code checkpoint.db}, created when missing
   * @return the running server; close it at the end
   * @throws RunFailure when it cannot start
   */
  public static CheckpointServer start(Path dataDir) {
    // Its start-up lines would interleave with the progress display; errors still show.
    ((Logger) LoggerFactory.getLogger("dev.checkpoint.server")).setLevel(Level.ERROR);
    try {
      Files.createDirectories(dataDir);
      return CheckpointServer.start(
          ServerConfig.builder()
              .host("127.0.0.1")
              .port(0)
              .dbUrl("jdbc:sqlite:" + dataDir.resolve("checkpoint.db"))
              .build());
    } catch (IOException | RuntimeException e) {
      throw new RunFailure(
          "Cannot start the embedded checkpoint server in " + dataDir + ": " + e.getMessage(), e);
    }
  }
}
