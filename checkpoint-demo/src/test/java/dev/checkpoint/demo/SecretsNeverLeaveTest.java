package dev.checkpoint.demo;

import static dev.checkpoint.demo.Trees.HTTP;
import static dev.checkpoint.demo.Trees.awaitTree;
import static dev.checkpoint.demo.Trees.is;
import static dev.checkpoint.demo.Trees.newTraceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.server.CheckpointServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop sent requests carrying secrets of every kind the redaction knows: in query strings,
 * headers, JSON bodies under many key names, URLs and {@code key=value} text inside strings, JSON
 * inside a string, card numbers inside free text. None of them may reach what the checkpoint server
 * stores (its database files), answers (the tree) or exports (the asset text), while the order
 * itself goes through orders, payments (HTTP client and server) and shipping (RabbitMQ).
 */
class SecretsNeverLeaveTest {

  @TempDir static Path dir;
  static CheckpointServer server;
  static ShopProcesses shop;

  /** Secret value to where it travels, for the message naming what leaked. */
  private static final Map<String, String> SECRETS = new LinkedHashMap<>();

  private static String secret(String where) {
    String value = "zq" + (SECRETS.size() + 10) + "Lk" + (char) ('a' + SECRETS.size() % 26) + "x";
    SECRETS.put(value, where);
    return value;
  }

  private static String card(String number, String where) {
    SECRETS.put(number, where);
    return number;
  }

  @BeforeAll
  static void start() throws Exception {
    ShopProcesses.requireRabbitMq();
    server = ShopProcesses.startServer(dir);
    shop = new ShopProcesses(dir, "http://127.0.0.1:" + server.port());
    shop.start(Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (shop != null) {
      shop.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void noSecretReachesTheServerNorTheAssets() throws Exception {
    String orders = shop.url(shop.ordersPort) + "/orders";
    List<String> traces = new ArrayList<>();

    String placeTrace = newTraceId();
    traces.add(placeTrace);
    String cardNumber = card("4111111111111111", "cardNumber, to payments over HTTP");
    String body =
        Trees.JSON
            .createObjectNode()
            .put("productId", "BOOK-1")
            .put("quantity", 1)
            .put("cardNumber", cardNumber)
            .put("pwd", secret("body pwd"))
            .put("passphrase", secret("body passphrase"))
            .put("pin", secret("body pin"))
            .put("pan", secret("body pan"))
            .put("creditCard", secret("body creditCard"))
            .put("ccNumber", secret("body ccNumber"))
            .put("ssn", secret("body ssn"))
            .put("iban", secret("body iban"))
            .put("privateKey", secret("body privateKey"))
            .put("jwt", secret("body jwt"))
            .put("session", secret("body session"))
            .put(
                "note",
                "please charge " + card("5500 0000 0000 0004", "card in free text") + " today")
            .put(
                "meta",
                "{\"otp\": \""
                    + secret("otp in JSON in a string")
                    + "\", \"customer\": {\"socialSecurityNumber\": \""
                    + secret("socialSecurityNumber in JSON in a string")
                    + "\"}}")
            .put(
                "redirect",
                "https://shop.example/reset?reset_token="
                    + secret("token in a URL in the body")
                    + "&step=2")
            .put("log", "login ok; secret: " + secret("key: value in text"))
            .put("database", "postgres://app:" + secret("URL user info") + "@db.example/shop")
            .toString();
    HttpResponse<String> placed =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        orders
                            + "?access_token="
                            + secret("query access_token")
                            + "&api_key="
                            + secret("query api_key")
                            + "&password="
                            + secret("query password")
                            + "&lang=en"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + placeTrace + "-00f067aa0ba902b7-01")
                .header("X-Session-Id", secret("header X-Session-Id"))
                .header("X-CSRF-Token", secret("header X-CSRF-Token"))
                .header("Authorization", "Bearer " + secret("header Authorization"))
                .header("Cookie", "sid=" + secret("header Cookie"))
                .header("X-Api-Key", secret("header X-Api-Key"))
                .header("X-Callback", "https://hooks.example/cb?token=" + secret("URL in a header"))
                .header("X-Debug", "user=ann password=" + secret("key=value in a header"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    String orderId = Trees.JSON.readTree(placed.body()).path("id").asText();

    String getTrace = newTraceId();
    traces.add(getTrace);
    HttpResponse<String> read =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        orders
                            + "/"
                            + orderId
                            + "?session_id="
                            + secret("query session_id")
                            + "&pin="
                            + secret("query pin")))
                .header("traceparent", "00-" + getTrace + "-00f067aa0ba902b7-01")
                .header("Proxy-Authorization", "Basic " + secret("header Proxy-Authorization"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

    String textTrace = newTraceId();
    traces.add(textTrace);
    HTTP.send(
        HttpRequest.newBuilder(URI.create(orders))
            .header("Content-Type", "text/plain")
            .header("traceparent", "00-" + textTrace + "-00f067aa0ba902b7-01")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "pay with "
                        + card("4012-8888-8888-1881", "card in a text body")
                        + " please, passwd="
                        + secret("passwd in a text body")))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    StringBuilder stored = new StringBuilder();
    awaitTree(
        server.port(),
        placeTrace,
        nodes -> nodes.stream().anyMatch(n -> is(n, "shipping", "SQL", "")));
    for (String trace : traces) {
      stored.append(awaitTree(server.port(), trace, nodes -> !nodes.isEmpty()));
      stored.append(
          HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.port()
                                  + "/api/v1/export?trace="
                                  + trace))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body());
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("checkpoint.db")).toList()) {
        stored.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }

    assertThat(stored).as("what the server stored").contains("[REDACTED]", "BOOK-1");
    List<String> leaked = new ArrayList<>();
    SECRETS.forEach(
        (value, where) -> {
          if (stored.indexOf(value) >= 0 || stored.indexOf(value.replaceAll("[ -]", "")) >= 0) {
            leaked.add(where + " (" + value + ")");
          }
        });
    assertThat(leaked)
        .as("%d of %d secrets reached the server", leaked.size(), SECRETS.size())
        .isEmpty();
  }
}
