package dev.checkpoint.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.model.Payload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of looking for secrets inside one string value ({@link Redaction#redactText}): alone,
 * and as part of capturing the string, against plain Jackson writing the same string in the same
 * run. The texts are a plain sentence (no {@code =}, {@code :} or digit run: the pre-check only), a
 * URL with an access token, a sentence with a card number, and 1 KiB of JSON in a string, without
 * and with a secret key.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class StringRedactionBenchmark {

  @Param({"plain", "url", "card", "json1k", "json1kSecret"})
  String text;

  private final ObjectMapper mapper = new ObjectMapper();
  private final Redaction redaction = Redaction.defaults();
  private final PayloadCapture capture =
      PayloadCapture.create(redaction, PayloadCapture.DEFAULT_MAX_BYTES);
  private String value;

  /** Builds the text. */
  @Setup
  public void setUp() {
    value =
        switch (text) {
          case "plain" -> "The customer asked for gift wrapping and a delivery after six";
          case "url" ->
              "https://shop.example/account/reset?user=ann&access_token=eyJhbGciOi&step=2";
          case "card" -> "Customer paid with 4111 1111 1111 1111 and asked for an invoice";
          case "json1k" -> json(false);
          case "json1kSecret" -> json(true);
          default -> throw new IllegalArgumentException(text);
        };
  }

  private static String json(boolean secret) {
    StringBuilder json = new StringBuilder("{\"orderId\":\"o-1\",\"lines\":[");
    for (int i = 0; json.length() < 960; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"SKU-")
          .append(i)
          .append("\",\"name\":\"Item number ")
          .append(i)
          .append("\",\"quantity\":")
          .append(i % 5 + 1)
          .append('}');
    }
    return json.append("],\"")
        .append(secret ? "password" : "currency")
        .append("\":\"EUR\"}")
        .toString();
  }

  /**
   * The baseline: Jackson writing the string.
   *
   * @return the JSON bytes
   * @throws JsonProcessingException never, for a string
   */
  @Benchmark
  public byte[] jacksonOnly() throws JsonProcessingException {
    return mapper.writeValueAsBytes(value);
  }

  /**
   * Looking for secrets in the text alone.
   *
   * @return the redacted text
   */
  @Benchmark
  public String redactText() {
    return redaction.redactText(value);
  }

  /**
   * Checkpoint's capture of the string, which redacts it.
   *
   * @return the payload
   */
  @Benchmark
  public Payload capture() {
    return capture.capture(value, "input").payload();
  }
}
