package dev.checkpoint.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Lines file of wire-format checkpoints. */
public final class JsonLines {

  // Numbers as written: a double would round decimals and turn 1e400 into "Infinity".
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private JsonLines() {}

  /**
   * Reads every non-blank line as one JSON object.
   *
   * @param file the file
   * @return the checkpoints in file order
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException naming the line when a line is not a JSON object
   */
  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> checkpoints = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        checkpoints.add(parse(file, number, line));
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "No such file: " + file + ". Pass the file the jsonl exporter wrote.", e);
    }
    return checkpoints;
  }

  private static JsonNode parse(Path file, int number, String line) {
    try {
      JsonNode node = MAPPER.readTree(line);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException e) {
      // Reported below with the line number.
    }
    throw new IllegalArgumentException(
        file + " line " + number + " is not a JSON object; each line must be one checkpoint.");
  }
}
