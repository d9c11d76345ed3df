package dev.checkpoint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    CheckpointConfig config = CheckpointConfig.defaults();
    assertThat(config.mode()).isEqualTo(RecordingMode.OFF);
    assertThat(config.serviceName()).isEqualTo("unknown-service");
    assertThat(config.exporter()).isEqualTo(CheckpointConfig.ExporterType.HTTP);
    assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:7070"));
    assertThat(config.maxPayloadBytes()).isEqualTo(64 * 1024);
    assertThat(config.maxRows()).isEqualTo(100);
    assertThat(config.redactKeys()).isEmpty();
    assertThat(config.export().maxQueueBytes()).isEqualTo(16L << 20);
    assertThat(config.runId()).isNull();
    assertThat(config.controlToken()).isNull();
  }

  @Test
  void environmentVariablesApplyAndSystemPropertiesWin() {
    CheckpointConfig config =
        CheckpointConfig.fromSources(
            Map.of("checkpoint.mode", "on_demand", "checkpoint.max.payload.bytes", "1MiB"),
            Map.of(
                "CHECKPOINT_MODE", "ON",
                "CHECKPOINT_SERVICE_NAME", "payments",
                "CHECKPOINT_REDACT_KEYS", "ssn, /^x-internal/",
                "CHECKPOINT_EXPORT_INTERVAL_MS", "250",
                "CHECKPOINT_RUN_ID", "nightly-3"));
    assertThat(config.mode()).isEqualTo(RecordingMode.ON_DEMAND);
    assertThat(config.serviceName()).isEqualTo("payments");
    assertThat(config.maxPayloadBytes()).isEqualTo(1 << 20);
    assertThat(config.redactKeys()).containsExactly("ssn", "/^x-internal/");
    assertThat(config.export().exportInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.runId()).isEqualTo("nightly-3");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CHECKPOINT_MODE|SOMETIMES|Invalid value 'SOMETIMES' for CHECKPOINT_MODE (system property"
            + " checkpoint.mode): expected one of [OFF, ON, ON_DEMAND, REPLAY].",
        "CHECKPOINT_EXPORTER|kafka|expected one of [HTTP, JSONL, NONE]",
        "CHECKPOINT_ENDPOINT|localhost:7070|expected an http or https URL",
        "CHECKPOINT_MAX_PAYLOAD_BYTES|64KB|expected a positive size below 2 GiB",
        "CHECKPOINT_MAX_PAYLOAD_BYTES|4GiB|expected a positive size below 2 GiB",
        "CHECKPOINT_QUEUE_SIZE|-1|for CHECKPOINT_QUEUE_SIZE (system property checkpoint.queue.size):"
            + " expected a positive whole number",
        "CHECKPOINT_MAX_ROWS|lots|expected a positive whole number",
        "CHECKPOINT_RUN_ID|has space|expected 1 to 128 characters of letters",
        // Accepted here once while the server refused it, so every batch was dropped with a 400.
        "CHECKPOINT_RUN_ID|_x|starting with a letter or digit",
        "CHECKPOINT_REDACT_KEYS|/[unclosed/|valid /regular expressions/"
      })
  void badValuesFailWithOneMessageNamingTheSettingAndTheAcceptedValues(
      String variable, String value, String message) {
    assertThatThrownBy(() -> CheckpointConfig.fromSources(Map.of(), Map.of(variable, value)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("'" + value + "'");
  }

  @Test
  void everySettingIsInTheDocumentedTable() throws IOException {
    Path table = Path.of("..", "docs", "configuration.md");
    String documentation = Files.readString(table);
    List<String> missing =
        java.util.Arrays.stream(Setting.values())
            .filter(
                s ->
                    !documentation.contains("`" + s.environmentVariable() + "`")
                        || !documentation.contains("`" + s.systemProperty() + "`")
                        || !documentation.contains(s.defaultValue()))
            .map(Setting::environmentVariable)
            .toList();
    assertThat(missing).as("settings missing from docs/configuration.md").isEmpty();
  }
}
