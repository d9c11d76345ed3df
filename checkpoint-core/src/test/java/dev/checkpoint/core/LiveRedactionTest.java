package dev.checkpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.replay.ReplayViews;
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
}
