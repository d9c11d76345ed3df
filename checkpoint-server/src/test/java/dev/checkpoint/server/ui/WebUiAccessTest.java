package dev.checkpoint.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.TraceId;
import dev.checkpoint.server.CheckpointServer;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in with a read token, the session cookie, error pages and response headers, over HTTP. */
class WebUiAccessTest {
  private static final String FORM = "application/x-www-form-urlencoded";

  @TempDir Path data;

  @Test
  void asksForAReadTokenAndKeepsItInAnHttpOnlyCookie() {
    try (CheckpointServer server =
        CheckpointServer.start(
            TestServers.sqlite(data)
                .host("127.0.0.1")
                .readTokens(Set.of("read-secret"))
                .ingestTokens(Set.of("ingest-secret"))
                .build())) {
      Http http = new Http(server.port());

      HttpResponse<String> anonymous = http.get("/ui/runs?name=x");
      assertThat(anonymous.statusCode()).isEqualTo(303);
      assertThat(anonymous.headers().firstValue("Location"))
          .hasValue("/ui/login?next=%2Fui%2Fruns%3Fname%3Dx");
      HttpResponse<String> form = http.get("/ui/login?next=%2Fui%2Fruns%3Fname%3Dx");
      assertThat(form.body()).contains("name=\"token\"", "value=\"/ui/runs?name=x\"");

      HttpResponse<String> wrong = login(http, "ingest-secret", "/ui/runs");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("This token is not a read token of this server.");
      assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

      HttpResponse<String> signedIn = login(http, "read-secret", "/ui/runs?name=x");
      assertThat(signedIn.statusCode()).isEqualTo(303);
      assertThat(signedIn.headers().firstValue("Location")).hasValue("/ui/runs?name=x");
      String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui");
      String session = cookie.substring(0, cookie.indexOf(';'));
      assertThat(http.get("/ui/runs", "Cookie", session).statusCode()).isEqualTo(200);
      assertThat(http.get("/ui/runs", "Cookie", "checkpoint_ui_session=bm9wZQ").statusCode())
          .isEqualTo(303);

      assertThat(login(http, "read-secret", "//evil.example/").headers().firstValue("Location"))
          .hasValue("/ui/runs");
      assertThat(
              login(http, "read-secret", "https://evil.example/").headers().firstValue("Location"))
          .hasValue("/ui/runs");
    }
  }

  @Test
  void explainsWhatCannotBeShown() {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(data).build())) {
      Http http = new Http(server.port());
      HttpResponse<String> root = http.get("/");
      assertThat(root.statusCode()).isEqualTo(302);
      assertThat(root.headers().firstValue("Location")).hasValue("/ui/runs");

      HttpResponse<String> runs = http.get("/ui/runs");
      assertThat(runs.statusCode()).isEqualTo(200);
      assertThat(runs.body()).contains("No runs yet");
      assertThat(runs.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("script-src 'self'", "object-src 'none'");
      assertThat(runs.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

      assertPage(http.get("/ui/traces/nothex"), 400, "A trace id must be " + TraceId.RULE);
      assertPage(
          http.get("/ui/traces/" + Batches.TRACE),
          404,
          "No checkpoint of trace " + Batches.TRACE + " is stored.");
      assertPage(
          http.get("/ui/traces/" + Batches.TRACE + "/checkpoints/00f067aa0ba902b7"),
          404,
          "No checkpoint 00f067aa0ba902b7 in trace " + Batches.TRACE + ".");
      assertPage(http.get("/ui/runs/missing"), 404, "There is no run missing.");
      assertPage(http.get("/ui/runs?offset=-1"), 400, "The offset must be a whole number");
      assertPage(http.get("/ui/runs?label=main"), 200, "Filter labels as key=value");
      assertPage(http.get("/ui/search?text=ab"), 200, "Search for text of at least 3 characters");
      assertPage(
          http.get("/ui/compare?run=a"), 400, "Choose exactly two runs or exactly two trees");
      assertPage(http.get("/ui/export"), 400, "Export a tree (trace)");
      assertPage(http.get("/ui/static/secrets.txt"), 404, "There is no file secrets.txt");

      HttpResponse<String> script = http.get("/ui/static/checkpoint.js");
      assertThat(script.statusCode()).isEqualTo(200);
      assertThat(script.headers().firstValue("Content-Type").orElseThrow())
          .startsWith("text/javascript");
    }
  }

  private static void assertPage(HttpResponse<String> response, int status, String text) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(response.body()).contains(text).doesNotContain("Exception");
  }

  private static HttpResponse<String> login(Http http, String token, String next) {
    return http.post(
        "/ui/login",
        Batches.utf8("token=" + encode(token) + "&next=" + encode(next)),
        "Content-Type",
        FORM);
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
