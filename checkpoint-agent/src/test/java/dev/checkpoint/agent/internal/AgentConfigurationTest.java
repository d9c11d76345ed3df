package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.ConfigurationException;
import dev.checkpoint.core.RecordingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigurationTest {

  @TempDir Path dir;

  @Test
  void readsThePropertiesFileNamedByTheAgentArgument() throws Exception {
    Path file = dir.resolve("checkpoint.properties");
    Files.writeString(file, "checkpoint.mode = ON\ncheckpoint.service.name=from-file\n");

    CheckpointConfig config = AgentConfiguration.read("config=" + file);

    assertThat(config.mode()).isEqualTo(RecordingMode.ON);
    assertThat(config.serviceName()).isEqualTo("from-file");
  }

  @Test
  void namesTheServiceAfterTheApplicationWhenNothingNamesIt() {
    assertThat(AgentConfiguration.read(null).serviceName())
        .isNotEqualTo("unknown-service")
        .isNotBlank();
  }

  @Test
  void saysWhatIsWrongWithAnArgumentOrAFile() {
    assertThatThrownBy(() -> AgentConfiguration.read("mode=ON"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("mode=ON is not understood")
        .hasMessageContaining("config=<properties file>");
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> AgentConfiguration.read("config=" + missing))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("could not be read");
  }
}
