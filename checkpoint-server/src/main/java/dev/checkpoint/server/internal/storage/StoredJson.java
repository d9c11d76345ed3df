package dev.checkpoint.server.internal.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The server's one JSON configuration, for what it reads back from the database and what it
 * answers. Numbers stay as recorded: a decimal keeps its digits and scale ({@code 12.500}, {@code
 * 1e400} as {@code 1E+400}), where reading it as a double would round it or turn it into
 * "Infinity".
 */
public final class StoredJson {
  /**
   * A nested tree is as deep as its checkpoints (at most limits.max-tree-depth, itself at most
   * 1000, two levels each) plus a payload's own nesting (at most 1000, as ingestion reads it).
   */
  private static final int MAX_OUTPUT_NESTING = 1000 + 2 * 1000 + 16;

  public static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamWriteConstraints(
                      StreamWriteConstraints.builder().maxNestingDepth(MAX_OUTPUT_NESTING).build())
                  .build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private StoredJson() {}
}
