package dev.checkpoint.assets.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RedactedPlacesTest {

  private final ObjectMapper json = new ObjectMapper();

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

    JsonNode aligned = RedactedPlaces.align(recorded, actual);

    assertThat(aligned.path("statement").asText())
        .isEqualTo("insert into users(name,password)values('ann','[REDACTED]')");
    assertThat(aligned.path("parameters").toString())
        .isEqualTo("{\"1\":\"[REDACTED]\",\"2\":\"bob\"}");
    assertThat(actual.path("parameters").path("1").asText()).isEqualTo("hunter2");
  }
}
