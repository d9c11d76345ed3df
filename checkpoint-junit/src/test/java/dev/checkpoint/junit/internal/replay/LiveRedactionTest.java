package dev.checkpoint.junit.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class LiveRedactionTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anActualHttpCallIsRedactedAsTheInstrumentationRedacts() throws Exception {
    ObjectNode input =
        ReplayViews.http(
            "POST",
            "/reset",
            "user=ann&access_token=t-1",
            json.readTree("{\"pin\": \"1234\", \"note\": \"card 4111 1111 1111 1111\"}"));

    LiveRedaction.redact(input);

    assertThat(input.toString())
        .contains("access_token=[REDACTED]", "\"pin\":\"[REDACTED]\"", "card [REDACTED]")
        .doesNotContain("t-1", "1234", "4111");
  }

  @Test
  void placesRedactedInTheRecordingTakeTheMarker() throws Exception {
    JsonNode recorded =
        json.readTree(
            "{\"statement\": \"insert into users(name,password)values('ann','[REDACTED]')\","
                + " \"parameters\": {\"1\": \"[REDACTED]\", \"2\": \"ann\"}}");
    JsonNode actual =
        json.readTree(
            "{\"statement\": \"insert into users(name,password)values('ann','it''s')\","
                + " \"parameters\": {\"1\": \"hunter2\", \"2\": \"bob\"}}");

    JsonNode aligned = LiveRedaction.align(recorded, actual);

    assertThat(aligned.path("statement").asText())
        .isEqualTo("insert into users(name,password)values('ann','[REDACTED]')");
    assertThat(aligned.path("parameters").toString())
        .isEqualTo("{\"1\":\"[REDACTED]\",\"2\":\"bob\"}");
    assertThat(actual.path("parameters").path("1").asText()).isEqualTo("hunter2");
  }
}
