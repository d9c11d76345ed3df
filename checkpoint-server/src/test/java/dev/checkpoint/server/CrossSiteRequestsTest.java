package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page on another site, or on a name that resolves to this machine (DNS rebinding), can neither
 * change nor read anything, and a copied UI cookie stops working at logout.
 */
class CrossSiteRequestsTest {
  private static final String FORM = "application/x-www-form-urlencoded";

  @TempDir Path data;

  @Test
  void ingestionNeedsAJsonBodyFromThisSite() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(data).build())) {
      Http http = new Http(server.port());
      byte[] body =
          Batches.json(batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0)));

      HttpResponse<String> untyped = http.post("/api/v1/checkpoints", body);
      assertThat(untyped.statusCode()).isEqualTo(415);
      assertThat(Http.json(untyped).path("detail").asText())
          .isEqualTo(
              "The request has no Content-Type; send the body as JSON with Content-Type:"
                  + " application/json.");
      assertThat(http.post("/api/v1/checkpoints", body, "Content-Type", "text/plain").statusCode())
          .isEqualTo(415);

      HttpResponse<String> foreign =
          http.post("/api/v1/checkpoints", body, Http.withJson("Origin", "https://evil.example"));
      assertThat(foreign.statusCode()).isEqualTo(403);
      assertThat(Http.json(foreign).path("error").asText()).isEqualTo("cross_site");
      assertThat(Http.json(foreign).path("detail").asText())
          .startsWith("A page on another site (https://evil.example) may not change anything");
      assertThat(
              http.post("/api/v1/checkpoints", body, Http.withJson("Sec-Fetch-Site", "cross-site"))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              http.post("/api/v1/runs", Batches.utf8("{}"), Http.withJson("Origin", "null"))
                  .statusCode())
          .isEqualTo(403);
      assertThat(http.get("/api/v1/runs").statusCode()).isEqualTo(200);

      String self = "http://127.0.0.1:" + server.port();
      assertThat(
              http.post(
                      "/api/v1/checkpoints",
                      body,
                      Http.withJson("Origin", self, "Sec-Fetch-Site", "same-origin"))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              http.postBatch(batch("shop", checkpoint("a000000000000002", null, "METHOD", "m", 0))))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(200);
    }
  }

  @Test
  void answersOnlyToItsOwnNamesOnLoopback() throws IOException {
    try (CheckpointServer server =
        CheckpointServer.start(TestServers.sqlite(data).host("127.0.0.1").build())) {
      String rebound = raw(server.port(), "GET /api/v1/runs HTTP/1.1\r\nHost: evil.example:80");
      assertThat(rebound).startsWith("HTTP/1.1 421").contains("\"error\":\"unknown_host\"");
      assertThat(rebound)
          .contains(
              "This server does not answer to the name 'evil.example:80'. Reach it as one of"
                  + " [127.0.0.1, [::1], localhost], or add the name to http.allowed-hosts.");
      assertThat(raw(server.port(), "GET /ui/runs HTTP/1.1\r\nHost: evil.example"))
          .startsWith("HTTP/1.1 421")
          .contains("does not answer to the name");
      assertThat(raw(server.port(), "GET /api/v1/runs HTTP/1.1\r\nHost: localhost:1"))
          .startsWith("HTTP/1.1 200");
    }
    try (CheckpointServer server =
        CheckpointServer.start(
            TestServers.sqlite(data)
                .host("127.0.0.1")
                .allowedHosts(Set.of("checkpoint.internal"))
                .build())) {
      assertThat(raw(server.port(), "GET /api/v1/runs HTTP/1.1\r\nHost: Checkpoint.Internal:8"))
          .startsWith("HTTP/1.1 200");
      assertThat(raw(server.port(), "GET /api/v1/runs HTTP/1.1\r\nHost: 127.0.0.1"))
          .startsWith("HTTP/1.1 421");
    }
  }

  @Test
  void loginFromAnotherSiteIsRefusedAndLogoutEndsTheSessionEverywhere() {
    ServerConfig config =
        TestServers.sqlite(data).host("127.0.0.1").readTokens(Set.of("read-secret")).build();
    String session;
    try (CheckpointServer server = CheckpointServer.start(config)) {
      Http http = new Http(server.port());
      HttpResponse<String> forged =
          http.post(
              "/ui/login",
              form("read-secret"),
              "Content-Type",
              FORM,
              "Origin",
              "https://evil.example",
              "Sec-Fetch-Site",
              "cross-site");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("may not change anything on this server");
      assertThat(forged.headers().firstValue("Set-Cookie")).isEmpty();

      HttpResponse<String> signedIn =
          http.post(
              "/ui/login",
              form("read-secret"),
              "Content-Type",
              FORM,
              "Origin",
              "http://127.0.0.1:" + server.port(),
              "Sec-Fetch-Site",
              "same-origin");
      assertThat(signedIn.statusCode()).isEqualTo(303);
      String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).startsWith("checkpoint_ui_session=").doesNotContain("read-secret");
      assertThat(cookie).doesNotContain("Secure");
      session = cookie.substring(0, cookie.indexOf(';'));
    }
    try (CheckpointServer server = CheckpointServer.start(config)) {
      Http http = new Http(server.port());
      assertThat(http.get("/ui/runs", "Cookie", session).statusCode())
          .as("a session outlives a restart: it is kept in the database")
          .isEqualTo(200);
      String copied = session;
      HttpResponse<String> out =
          http.post("/ui/logout", new byte[0], "Cookie", session, "Content-Type", FORM);
      assertThat(out.statusCode()).isEqualTo(303);
      assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
      assertThat(http.get("/ui/runs", "Cookie", copied).statusCode()).isEqualTo(303);
    }
    ServerConfig otherToken =
        TestServers.sqlite(data).host("127.0.0.1").readTokens(Set.of("other-secret")).build();
    try (CheckpointServer server = CheckpointServer.start(otherToken)) {
      assertThat(new Http(server.port()).get("/ui/runs", "Cookie", session).statusCode())
          .isEqualTo(303);
    }
  }

  private static byte[] form(String token) {
    return Batches.utf8(
        "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=%2Fui%2Fruns");
  }

  /** Sends a request whose Host header Java's HTTP client would not let a caller set. */
  private static String raw(int port, String requestLineAndHost) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLineAndHost + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
