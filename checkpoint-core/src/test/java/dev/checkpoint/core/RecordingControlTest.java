package dev.checkpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.core.export.InMemoryExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordingControlTest {

  private final RecordingControl control =
      CheckpointRecorder.builder()
          .service("payments")
          .controlToken("s3cret")
          .exporter(InMemoryExporter.create())
          .build()
          .control();

  @Test
  void getReturnsTheStatus() {
    RecordingControl.Response response = control.handle("GET", "Bearer s3cret", null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json())
        .isEqualTo(
            "{\"service\":\"payments\",\"mode\":\"OFF\",\"runId\":null,"
                + "\"exporter\":{\"queued\":0,\"exported\":0,\"dropped\":0}}");
  }

  @Test
  void postSwitchesModeAndRunId() {
    RecordingControl.Response response =
        control.handle(
            "POST", "bearer s3cret", "{\"mode\":\"on_demand\",\"runId\":\"scenario-1\"}");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).contains("\"mode\":\"ON_DEMAND\"", "\"runId\":\"scenario-1\"");
    assertThat(control.state())
        .isEqualTo(new RecordingControl.State(RecordingMode.ON_DEMAND, "scenario-1"));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {"NULL", "Bearer wrong", "Basic s3cret", "Bearer", "Bearer s3cret2"})
  void missingOrWrongTokenIs401AndChangesNothing(String authorization) {
    RecordingControl.Response response = control.handle("POST", authorization, "{\"mode\":\"ON\"}");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json()).contains("Authorization: Bearer <token>");
    assertThat(control.state().mode()).isEqualTo(RecordingMode.OFF);
  }

  @Test
  void refusalDecidesAccessAloneSoTheBodyNeedNotBeRead() {
    RecordingControl disabled =
        CheckpointRecorder.builder().exporter(InMemoryExporter.create()).build().control();

    assertThat(control.refusal("Bearer s3cret")).isEmpty();
    assertThat(control.refusal(null))
        .get()
        .extracting(RecordingControl.Response::status)
        .isEqualTo(401);
    assertThat(control.refusal("Bearer guess"))
        .get()
        .extracting(RecordingControl.Response::status)
        .isEqualTo(401);
    assertThat(disabled.refusal("Bearer s3cret"))
        .get()
        .extracting(RecordingControl.Response::status)
        .isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"mode\":\"SOMETIMES\"}|'SOMETIMES' is not a mode; use one of [OFF, ON, ON_DEMAND, REPLAY].",
        "{}|'mode' must be one of",
        "{\"mode\":\"ON\",\"extra\":1}|unknown field 'extra'",
        "{\"mode\":\"ON\",\"runId\":\"bad id\"}|'runId' must be 1 to 128",
        "not json|malformed JSON",
        "[1]|Send a JSON object"
      })
  void invalidRequestsAre400WithTheReason(String body, String message) {
    RecordingControl.Response response = control.handle("POST", "Bearer s3cret", body);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json()).contains(message);
    assertThat(control.state().mode()).isEqualTo(RecordingMode.OFF);
  }

  @Test
  void otherMethodsAre405() {
    assertThat(control.handle("DELETE", "Bearer s3cret", null).status()).isEqualTo(405);
  }

  @Test
  void withoutATokenTheEndpointIsDisabled() {
    RecordingControl disabled = CheckpointRecorder.builder().build().control();
    RecordingControl.Response response = disabled.handle("GET", "Bearer anything", null);
    assertThat(disabled.isEnabled()).isFalse();
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json()).contains("CHECKPOINT_CONTROL_TOKEN");
  }
}
