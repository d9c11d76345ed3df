package dev.checkpoint.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A replayed call's request body is compared in the shape the HTTP instrumentation records. */
class HttpStubBodyTest {

  @Test
  void aFormBodyIsItsFieldsWithRepeatedOnesAsArrays() throws Exception {
    byte[] form = "tag=a&user=ann+b&tag=b&tag=c".getBytes(StandardCharsets.UTF_8);

    assertThat(HttpStub.body(form, "application/x-www-form-urlencoded; charset=UTF-8"))
        .isEqualTo(new ObjectMapper().readTree("{\"tag\":[\"a\",\"b\",\"c\"],\"user\":\"ann b\"}"));
  }
}
