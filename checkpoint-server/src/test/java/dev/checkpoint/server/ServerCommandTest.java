package dev.checkpoint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {
  @TempDir Path directory;

  private static ServerConfig config(Map<String, String> environment, String... args)
      throws Exception {
    ServerCommand command = new ServerCommand(environment);
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void withoutSettingsTheDefaultsApply() throws Exception {
    ServerConfig config = config(Map.of());

    assertThat(config.port()).isEqualTo(7070);
    assertThat(config.host()).isNull();
    assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:checkpoint-data/checkpoint.db");
    assertThat(config.maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(config.authEnabled()).isFalse();
  }

  @Test
  void flagsOverrideEnvironmentWhichOverridesTheFile() throws Exception {
    Path file = directory.resolve("server.properties");
    Files.writeString(
        file,
        "port=8000\ndb.url=jdbc:sqlite:from-file.db\nretention.days=30\nauth.read-tokens=a, b\n");

    ServerConfig config =
        config(
            Map.of("CHECKPOINT_DB_URL", "jdbc:sqlite:from-env.db", "CHECKPOINT_PORT", "8001"),
            "--config",
            file.toString(),
            "--port",
            "9000");

    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:from-env.db");
    assertThat(config.retentionDays()).isEqualTo(30);
    assertThat(config.readTokens()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void yamlFilesNestKeys() throws Exception {
    Path file = directory.resolve("server.yaml");
    Files.writeString(
        file,
        "port: 7071\ndb:\n  url: jdbc:postgresql://127.0.0.1/checkpoint\n  pool-size: 3\n"
            + "auth:\n  ingest-tokens: [one, two]\nlimits:\n  ingest-rate-per-second: 50\n");

    ServerConfig config = config(Map.of(), "--config", file.toString());

    assertThat(config.port()).isEqualTo(7071);
    assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/checkpoint");
    assertThat(config.dbPoolSize()).isEqualTo(3);
    assertThat(config.ingestTokens()).containsExactlyInAnyOrder("one", "two");
    assertThat(config.ingestRatePerSecond()).isEqualTo(50);
  }

  @Test
  void unknownOrBadSettingsAreNamedWithTheRemedy() throws Exception {
    Path file = directory.resolve("server.properties");
    Files.writeString(file, "db.uri=jdbc:sqlite:x.db\n");

    assertThatThrownBy(() -> config(Map.of(), "--config", file.toString()))
        .hasMessageContaining("Unknown setting 'db.uri'")
        .hasMessageContaining("db.url");
    assertThatThrownBy(() -> config(Map.of("CHECKPOINT_PORT", "seventy")))
        .hasMessageContaining("Bad value 'seventy' for setting port");
  }

  @Test
  void helpListsTheSettings() {
    String help = new CommandLine(new ServerCommand(Map.of())).getUsageMessage();

    assertThat(help)
        .contains("--db-url")
        .contains("CHECKPOINT_DB_URL")
        .contains("auth.ingest-tokens")
        .contains("retention.days");
  }

  @Test
  void aBadSettingExitsWithUsageErrorAndNoStackTrace() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ServerCommand(Map.of("CHECKPOINT_PORT", "seventy")));
    command.setErr(new PrintWriter(err));

    int exitCode = command.execute();

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .contains("Bad value 'seventy' for setting port")
        .doesNotContain("\tat ");
  }

  @Test
  void aDatabaseThatCannotBeOpenedExitsWithTheReason() throws Exception {
    Path notADirectory = Files.writeString(directory.resolve("file"), "x");
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ServerCommand(Map.of()));
    command.setErr(new PrintWriter(err));

    int exitCode =
        command.execute(
            "--port", "0", "--db-url", "jdbc:sqlite:" + notADirectory.resolve("db/checkpoint.db"));

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString())
        .contains("Unable to start the checkpoint server")
        .contains("SQLite directory");
  }
}
