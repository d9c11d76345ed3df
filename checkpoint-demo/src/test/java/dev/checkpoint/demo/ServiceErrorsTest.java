package dev.checkpoint.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.demo.internal.Instrumentation;
import dev.checkpoint.demo.internal.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error a client of the shop can get, with its status and text; and a start that fails. */
class ServiceErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static PaymentsService payments;
  static OrdersService orders;

  @BeforeAll
  static void start() throws Exception {
    Instrumentation off =
        Instrumentation.checkpoint(CheckpointRecorder.builder().service("test").build());
    String nowhere = "amqp://guest:guest@127.0.0.1:" + closedPort();
    payments =
        PaymentsService.start(
            Settings.of(
                new String[] {"--port", "0", "--data-dir", dir.toString(), "--rabbitmq", nowhere},
                Map.of()),
            off);
    orders =
        OrdersService.start(
            Settings.of(
                new String[] {"--port=0", "--data-dir=" + dir, "--payments-url=" + payments.url()},
                Map.of()),
            off);
  }

  @AfterAll
  static void stop() throws Exception {
    if (orders != null) {
      orders.close();
    }
    if (payments != null) {
      payments.close();
    }
  }

  @Test
  void badBodiesAre400WithWhatIsWrong() throws Exception {
    assertError(send("POST", orders.url() + "/orders", "not json"), 400, "bad_request")
        .isEqualTo("The body is not a JSON OrderRequest.");
    assertError(
            send(
                "POST",
                orders.url() + "/orders",
                "{\"productId\": \"BOOK-1\", \"quantity\": 0, \"cardNumber\": \"4111111111111111\"}"),
            400,
            "bad_request")
        .isEqualTo("An order needs productId, a quantity of 1 or more and cardNumber.");
    assertError(
            send(
                "POST", payments.url() + "/payments", "{\"orderId\": \"o-1\", \"amountCents\": 0}"),
            400,
            "bad_request")
        .isEqualTo("A payment needs a positive amountCents and a cardNumber.");
  }

  @Test
  void unknownThingsAre404AndWrongMethods405() throws Exception {
    assertError(
            send(
                "POST",
                orders.url() + "/orders",
                "{\"productId\": \"NOPE-0\", \"quantity\": 1, \"cardNumber\": \"4111111111111111\"}"),
            404,
            "unknown_product")
        .isEqualTo("No product 'NOPE-0' in the catalogue.");
    assertError(send("GET", orders.url() + "/orders/o-404", null), 404, "unknown_order")
        .isEqualTo("No order o-404");
    assertError(send("GET", orders.url() + "/refunds", null), 404, "not_found")
        .isEqualTo("No route for GET /refunds");
    assertError(send("DELETE", orders.url() + "/orders", null), 405, "method_not_allowed")
        .isEqualTo("DELETE is not allowed on /orders");
  }

  @Test
  void aDeclinedCardIs402WithTheReason() throws Exception {
    assertError(
            send(
                "POST",
                orders.url() + "/orders",
                "{\"productId\": \"MUG-2\", \"quantity\": 1, \"cardNumber\": \"4000000000000002\"}"),
            402,
            "payment_declined")
        .isEqualTo("card declined by issuer");
  }

  @Test
  void aServiceThatCannotStartExitsWith1AndSaysWhy() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty(
                      "surefire.test.class.path", System.getProperty("java.class.path")),
                  OrdersService.class.getName(),
                  "--port",
                  Integer.toString(taken.getLocalPort()),
                  "--data-dir",
                  dir.resolve("taken").toString())
              .redirectErrorStream(true)
              .start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isEqualTo(1);
      assertThat(output).contains("orders: cannot start: ").contains("Failed to bind");
    }
  }

  @Test
  void settingsComeFromArgumentsThenEnvironmentThenDefaults() {
    Settings settings =
        Settings.of(new String[] {"--port", "1234"}, Map.of("PORT", "99", "DEMO_DATA_DIR", "/d"));
    assertThat(settings.port(1)).isEqualTo(1234);
    assertThat(settings.dataDir()).isEqualTo(Path.of("/d"));
    assertThat(settings.get("payments-url", "DEMO_PAYMENTS_URL", "x")).isEqualTo("x");
    assertThat(Settings.of(new String[0], Map.of("PORT", "99")).port(1)).isEqualTo(99);
  }

  @Test
  void badSettingsSayWhatIsExpected() {
    assertThat(
            catchThrowable(
                () ->
                    Settings.of(new String[] {"--fee-cents", "a lot"}, Map.of())
                        .getInt("fee-cents", "DEMO_PAYMENTS_FEE_CENTS", 0)))
        .hasMessage(
            "--fee-cents (or DEMO_PAYMENTS_FEE_CENTS) must be a whole number, but is 'a lot'.");
    assertThat(catchThrowable(() -> Settings.of(new String[] {"8080"}, Map.of())))
        .hasMessage("Unexpected argument '8080': give settings as --name value.");
    assertThat(catchThrowable(() -> Settings.of(new String[] {"--port"}, Map.of())))
        .hasMessage("The argument --port needs a value.");
    assertThat(
            catchThrowable(
                () ->
                    Instrumentation.enabled(
                        Settings.of(new String[0], Map.of("DEMO_INSTRUMENTATION", "otel")))))
        .hasMessage(
            "--instrumentation (or DEMO_INSTRUMENTATION) must be 'checkpoint' or 'none', but is"
                + " 'otel'.");
  }

  private static HttpResponse<String> send(String method, String url, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static AbstractStringAssert<?> assertError(
      HttpResponse<String> response, int status, String error) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("error").asText()).isEqualTo(error);
    return assertThat(body.path("detail").asText());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
