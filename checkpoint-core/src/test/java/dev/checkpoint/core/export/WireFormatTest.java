package dev.checkpoint.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.model.ErrorData;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void anErrorCarriesItsCausesOutermostFirstSoTheRootCauseIsLast() throws IOException {
    Throwable failure =
        new IllegalStateException(
            "order failed",
            new UncheckedIOException("ledger", new IOException("the printer is out of paper")));

    JsonNode error = written(ErrorData.of(failure)).path("error");

    assertThat(error.path("type").asText()).isEqualTo(IllegalStateException.class.getName());
    assertThat(error.path("message").asText()).isEqualTo("order failed");
    assertThat(error.path("causes"))
        .isEqualTo(
            MAPPER.readTree(
                "[{\"type\":\"java.io.UncheckedIOException\",\"message\":\"ledger\"},"
                    + "{\"type\":\"java.io.IOException\","
                    + "\"message\":\"the printer is out of paper\"}]"));
    assertThat(error.path("stack").toString())
        .contains("Caused by: java.io.IOException: the printer is out of paper");
  }

  @Test
  void anErrorWithoutACauseKeepsTypeMessageAndStackOnly() throws IOException {
    JsonNode error = written(ErrorData.of(new IllegalArgumentException("bad"))).path("error");

    assertThat(error.properties())
        .extracting(entry -> entry.getKey())
        .containsExactly("type", "message", "stack");
  }

  private static JsonNode written(ErrorData error) throws IOException {
    CheckpointData sample = SampleCheckpoints.sample(1);
    CheckpointData failed =
        new CheckpointData(
            sample.id(),
            sample.traceId(),
            sample.parentId(),
            sample.runId(),
            sample.service(),
            sample.kind(),
            sample.name(),
            sample.startEpochNanos(),
            sample.endEpochNanos(),
            sample.thread(),
            sample.input(),
            null,
            error,
            sample.attributes(),
            sample.truncated(),
            sample.redacted());
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = MAPPER.createGenerator(text)) {
      WireFormat.write(generator, failed);
    }
    return MAPPER.readTree(text.toString());
  }
}
