package dev.checkpoint.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The checkpoints an application under the agent exported to a JSONL file, and their lookup. */
final class RecordedCheckpoints {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedCheckpoints() {}

  static List<JsonNode> read(Path jsonl) throws IOException {
    List<JsonNode> checkpoints = new ArrayList<>();
    if (Files.exists(jsonl)) {
      for (String line : Files.readAllLines(jsonl)) {
        if (!line.isBlank()) {
          checkpoints.add(JSON.readTree(line));
        }
      }
    }
    return checkpoints;
  }

  static JsonNode one(List<JsonNode> checkpoints, Predicate<JsonNode> wanted) {
    List<JsonNode> found = checkpoints.stream().filter(wanted).toList();
    assertThat(found).as("matching checkpoints among %s", checkpoints).hasSize(1);
    return found.get(0);
  }

  static boolean kind(JsonNode checkpoint, String kind) {
    return checkpoint.path("kind").asText().equals(kind);
  }

  static boolean is(JsonNode checkpoint, String kind, String name) {
    return kind(checkpoint, kind) && checkpoint.path("name").asText().equals(name);
  }
}
