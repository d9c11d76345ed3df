package dev.checkpoint.server.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.checkpoint.server.ServerConfig;
import dev.checkpoint.server.internal.storage.Checkpoint;
import dev.checkpoint.server.internal.storage.StorableText;
import dev.checkpoint.server.internal.storage.StoredJson;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Any request body, plain or gzip, is either a batch whose every stored text can be stored and
 * whose payloads are JSON with each key once, or refused with an {@link InvalidBatchException} (a
 * 400 naming the reason) or a {@link BodyTooLargeException} (a 413). Anything else escaping the
 * parser, such as a NullPointerException or a StackOverflowError, would be a 500 and fails the
 * target.
 *
 * <p>Without {@code JAZZER_FUZZ} the suite runs the committed inputs in {@code
 * BatchParserFuzzTestInputs/parse}; {@code scripts/fuzz.sh batch} fuzzes (docs/reliability.md).
 */
class BatchParserFuzzTest {
  /** The server's limits, with a decompressed limit small enough for a fuzzer to reach. */
  private static final BatchParser PARSER =
      new BatchParser(
          ServerConfig.DEFAULT_MAX_BODY_BYTES, 4L << 20, ServerConfig.DEFAULT_MAX_TREE_DEPTH);

  private static final ObjectReader STRICT =
      StoredJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  /** A body starting with the gzip magic bytes is read as gzip, as with Content-Encoding: gzip. */
  @FuzzTest
  void parse(byte[] body) throws IOException {
    boolean gzip = body.length >= 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B;
    List<Checkpoint> checkpoints;
    try {
      checkpoints = PARSER.parse(body, gzip);
    } catch (InvalidBatchException e) {
      assertThat(e.error()).isNotBlank();
      assertThat(e.getMessage()).isNotBlank();
      return;
    } catch (BodyTooLargeException e) {
      return;
    }
    for (Checkpoint checkpoint : checkpoints) {
      for (String text :
          Arrays.asList(
              checkpoint.traceId(),
              checkpoint.id(),
              checkpoint.parentId(),
              checkpoint.runId(),
              checkpoint.service(),
              checkpoint.instance(),
              checkpoint.kind(),
              checkpoint.name(),
              checkpoint.thread(),
              checkpoint.batchId())) {
        assertThat(text == null ? null : StorableText.problem(text)).isNull();
      }
      for (String payload :
          Arrays.asList(
              checkpoint.input(),
              checkpoint.output(),
              checkpoint.error(),
              checkpoint.attributes(),
              checkpoint.truncated(),
              checkpoint.redacted())) {
        if (payload != null) {
          assertThat(StorableText.problem(payload)).isNull();
          STRICT.readTree(payload);
        }
      }
    }
  }
}
