package dev.checkpoint.junit.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.core.export.WireFormat;
import dev.checkpoint.core.model.CheckpointData;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turns the checkpoints recorded during a test into an asset. */
public final class AssetRecording {

  // Numbers as written: a double would round decimals and turn 1e400 into "Infinity".
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private AssetRecording() {}

  /**
   * The asset of recorded checkpoints: assembled into trees, normalised, without volatile fields.
   *
   * @param checkpoints what the exporter received
   * @param normaliser the normalisation to apply
   * @return the asset
   */
  public static Asset asset(List<CheckpointData> checkpoints, Normaliser normaliser) {
    List<JsonNode> wire = new ArrayList<>(checkpoints.size());
    try {
      for (CheckpointData checkpoint : checkpoints) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = MAPPER.createGenerator(text)) {
          WireFormat.write(generator, checkpoint);
        }
        wire.add(MAPPER.readTree(text.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot turn recorded checkpoints into JSON", e);
    }
    return Asset.ofTrees(CheckpointTrees.assemble(wire), normaliser);
  }
}
