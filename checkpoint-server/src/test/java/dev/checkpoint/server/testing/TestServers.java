package dev.checkpoint.server.testing;

import dev.checkpoint.server.ServerConfig;
import java.nio.file.Path;

/** Configuration of a server for one test: a free port and an SQLite file of its own. */
public final class TestServers {
  private TestServers() {}

  public static ServerConfig.Builder sqlite(Path directory) {
    return ServerConfig.builder()
        .port(0)
        .dbUrl("jdbc:sqlite:" + directory.resolve("checkpoint.db"));
  }
}
