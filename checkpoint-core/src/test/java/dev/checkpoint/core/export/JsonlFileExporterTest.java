package dev.checkpoint.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFileExporterTest {

  @TempDir Path dir;

  @Test
  void appendsOneWireFormatObjectPerLineAcrossBatchesAndRestarts() throws IOException {
    Path file = dir.resolve("nested/checkpoints.jsonl");
    CheckpointExporter first = JsonlFileExporter.create(file);
    first.export(SampleCheckpoints.sample(1));
    first.export(SampleCheckpoints.sample(2));
    assertThat(first.flush(Duration.ofSeconds(5))).isTrue();
    first.export(SampleCheckpoints.sample(3));
    assertThat(first.shutdown(Duration.ofSeconds(5))).isTrue();
    CheckpointExporter second = JsonlFileExporter.create(file);
    second.export(SampleCheckpoints.sample(4));
    assertThat(second.shutdown(Duration.ofSeconds(5))).isTrue();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).isNotBlank());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode last = mapper.readTree(lines.get(3));
    assertThat(last.get("name").asText()).isEqualTo("FraudScorer.score#4");
    assertThat(last.at("/output/score").asDouble()).isEqualTo(0.1);
  }

  @Test
  void unwritableLocationFailsWithTheSettingToChange() throws IOException {
    Path blocker = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> JsonlFileExporter.create(blocker.resolve("sub/out.jsonl")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("CHECKPOINT_JSONL_PATH");
  }
}
