package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.cli.testing.FrontDesk;
import dev.checkpoint.cli.testing.TestShop;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying one service of a tree that spans two: the front desk calls the shop, and each is
 * replayed on its own and compared with its own part of the recorded tree only.
 */
class ReplayAcrossServicesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static CheckpointServer server;
  static TestShop shop;
  static FrontDesk front;
  static String recorded;

  @BeforeAll
  static void recordATreeAcrossTwoServices() throws IOException, InterruptedException {
    server =
        CheckpointServer.start(
            ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dbUrl("jdbc:sqlite:" + dir.resolve("checkpoint.db"))
                .build());
    shop = TestShop.start(serverUrl());
    front = FrontDesk.start(serverUrl(), shop.url());
    Path scenario =
        Files.writeString(
            dir.resolve("checkout.yaml"),
            """
            name: checkout
            services:
              - name: front
                url: %s
            steps:
              - name: checkout
                request:
                  method: POST
                  url: ${front}/checkout
                  json: {customer: bob, sku: PEN-2}
                  expect: {status: 201}
            """
                .formatted(front.url()));
    CliRun run =
        CliRun.of(
            "run",
            scenario.toString(),
            "--server",
            serverUrl(),
            "--assets",
            dir.resolve("assets").toString(),
            "--quiet-period",
            "300ms");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    HttpResponse<String> runs =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(serverUrl() + "/api/v1/runs?name=checkout&limit=1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode newest = JSON.readTree(runs.body()).path("items").path(0);
    recorded = newest.path("id").asText();
  }

  @AfterAll
  static void stop() {
    front.close();
    shop.close();
    server.close();
  }

  static String serverUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  void theCalledServiceIsReplayedFromItsPartOfTheTreeUnderTheCallersCall() {
    CliRun replay = replay("shop", shop.url());

    assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
    assertThat(replay.out())
        .containsPattern("equal +POST /orders  [0-9a-f]{32}:[0-9a-f]{16}")
        .contains("1 entry requests of shop replayed from " + recorded + ": 1 equal");
  }

  @Test
  void theCallingServiceIsComparedWithoutWhatTheCalledServiceDidUnderItsCall() {
    shop.promotion.set(true);
    try {
      CliRun replay = replay("front", front.url());

      // The shop's pricing changed under the front desk's call, but that is the shop's part.
      assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
      assertThat(replay.out())
          .containsPattern("equal +POST /checkout  [0-9a-f]{32}:[0-9a-f]{16}")
          .doesNotContain("PricingService");
    } finally {
      shop.promotion.set(false);
    }
  }

  private static CliRun replay(String service, String target) {
    return CliRun.of(
        "replay",
        "--server",
        serverUrl(),
        "--run",
        recorded,
        "--service",
        service,
        "--target",
        target,
        "--quiet-period",
        "300ms");
  }
}
