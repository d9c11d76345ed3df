package dev.checkpoint.agent;

import static dev.checkpoint.agent.RecordedCheckpoints.is;
import static dev.checkpoint.agent.RecordedCheckpoints.kind;
import static dev.checkpoint.agent.RecordedCheckpoints.one;
import static dev.checkpoint.agent.RecordedCheckpoints.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.instrumentation.testkit.TestHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, test 2: a Spring Boot 4 application ({@code example.garden}) with Spring Data JPA on
 * Hibernate, Thymeleaf pages, a form, a {@code RestClient} to a supplier service and an
 * {@code @ExceptionHandler}, and no Checkpoint code but {@code @Checkpoint} on its service, started
 * with the agent. One subclass per database, each with another client under the {@code RestClient}.
 */
abstract class SpringBootApplicationTest {

  @TempDir Path dir;

  /**
   * The options that point the application's {@code DataSource} at the database and choose the
   * client its {@code RestClient} runs on.
   */
  abstract List<String> settings();

  /** How the client the {@code RestClient} runs on names itself in {@code User-Agent}. */
  abstract String userAgent();

  @Test
  void recordsEveryRequestWithItsFormItsSqlItsOutboundCallItsMethodsAndItsError() throws Exception {
    Path checkpoints = dir.resolve("checkpoints.jsonl");
    HttpResponse<String> added;
    HttpResponse<String> shown;
    HttpResponse<String> listed;
    HttpResponse<String> missing;
    TestHttpServer.ReceivedRequest supplierRequest;
    try (TestHttpServer supplier = TestHttpServer.start();
        AgentProcess app = start(supplier, "ON", checkpoints)) {
      added = send(app, "POST", "/plants", "name=+fern&priceCents=1250");
      supplierRequest = supplier.takeRequest();
      shown = send(app, "GET", location(added), null);
      listed = send(app, "GET", "/plants", null);
      missing = send(app, "GET", "/plants/987654", null);
      app.stop();
    }
    assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
    String location = location(added);
    String plantId = location.substring(location.lastIndexOf('/') + 1);
    assertThat(shown.body()).contains("<h1>Fern</h1>").contains("1250");
    assertThat(listed.body()).contains("Fern");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("No plant with id 987654");

    List<JsonNode> recorded = read(checkpoints);
    JsonNode add = one(recorded, c -> is(c, "HTTP_SERVER", "POST /plants"));
    String addTrace = add.path("traceId").asText();
    assertThat(add.path("service").asText()).as("spring.application.name").isEqualTo("garden-shop");
    assertThat(add.path("parentId").isNull()).isTrue();
    assertThat(add.at("/input/body/name").asText()).as(add.toString()).isEqualTo(" fern");
    assertThat(add.at("/input/body/priceCents").asText()).isEqualTo("1250");
    assertThat(add.at("/output/status").asInt()).isEqualTo(302);

    JsonNode addMethod = one(recorded, c -> is(c, "METHOD", "GardenService.add"));
    assertThat(addMethod.path("parentId").asText()).isEqualTo(add.path("id").asText());
    assertThat(addMethod.at("/input/name").asText()).isEqualTo(" fern");
    assertThat(addMethod.at("/input/priceCents").asInt()).isEqualTo(1250);
    assertThat(addMethod.at("/output/name").asText()).isEqualTo("Fern");
    JsonNode normalise = one(recorded, c -> is(c, "METHOD", "GardenService.normalise"));
    assertThat(normalise.path("parentId").asText())
        .as("a package-private helper the class calls itself")
        .isEqualTo(addMethod.path("id").asText());
    assertThat(normalise.path("output").asText()).isEqualTo("Fern");

    JsonNode order = one(recorded, c -> kind(c, "HTTP_CLIENT"));
    assertThat(order.path("parentId").asText()).isEqualTo(addMethod.path("id").asText());
    assertThat(order.at("/input/method").asText()).isEqualTo("POST");
    assertThat(order.at("/input/body/plant").asText()).isEqualTo("Fern");
    assertThat(order.at("/output/status").asInt()).isEqualTo(200);
    assertThat(order.at("/output/body/quantity").asInt()).isEqualTo(12);
    assertThat(supplierRequest.header("traceparent"))
        .as("traceparent sent by the RestClient")
        .contains(addTrace)
        .contains(order.path("id").asText());
    assertThat(supplierRequest.header("user-agent")).startsWith(userAgent());

    JsonNode insert = one(recorded, inTrace(addTrace, "insert into garden_plant"));
    assertThat(insert.at("/input/parameters").toString()).contains("Fern").contains("1250");
    assertThat(ancestors(recorded, insert)).contains(addMethod.path("id").asText());

    JsonNode show = one(recorded, c -> is(c, "HTTP_SERVER", "GET /plants/{id}") && ok(c));
    assertThat(show.at("/input/path").asText()).isEqualTo(location);
    assertThat(show.at("/output/body").asText()).contains("<h1>Fern</h1>");
    JsonNode find =
        one(recorded, c -> is(c, "METHOD", "GardenService.find") && c.path("error").isNull());
    assertThat(find.path("parentId").asText()).isEqualTo(show.path("id").asText());
    JsonNode select = one(recorded, inTrace(show.path("traceId").asText(), "from garden_plant"));
    assertThat(select.at("/input/parameters").toString()).contains(plantId);
    assertThat(select.at("/output/rows").toString()).contains("Fern").contains("1250");

    JsonNode list = one(recorded, c -> is(c, "HTTP_SERVER", "GET /plants"));
    JsonNode all = one(recorded, inTrace(list.path("traceId").asText(), "from garden_plant"));
    assertThat(all.at("/output/rows").toString()).contains("Fern");

    JsonNode notFound = one(recorded, c -> is(c, "HTTP_SERVER", "GET /plants/{id}") && !ok(c));
    assertThat(notFound.at("/output/status").asInt()).isEqualTo(404);
    JsonNode failed =
        one(recorded, c -> is(c, "METHOD", "GardenService.find") && !c.path("error").isNull());
    assertThat(failed.path("parentId").asText()).isEqualTo(notFound.path("id").asText());
    assertThat(failed.at("/error/type").asText()).endsWith("PlantNotFoundException");
    assertThat(failed.at("/error/message").asText()).isEqualTo("No plant with id 987654");
  }

  private AgentProcess start(TestHttpServer supplier, String mode, Path checkpoints)
      throws IOException, InterruptedException, URISyntaxException {
    List<String> options = new ArrayList<>(settings());
    options.add("-Dserver.port=0");
    options.add("-Dgarden.supplier.url=" + supplier.uri("/").toString().replaceAll("/$", ""));
    options.add("-Dcheckpoint.mode=" + mode);
    options.add("-Dcheckpoint.exporter=jsonl");
    options.add("-Dcheckpoint.jsonl.path=" + checkpoints);
    Path resources =
        Path.of(getClass().getClassLoader().getResource("garden/application.properties").toURI())
            .getParent();
    return AgentProcess.start(
        dir, List.of(resources), false, "example.garden.GardenApplication", options);
  }

  private static HttpResponse<String> send(
      AgentProcess app, String method, String path, String form)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(60));
    if (form != null) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .method(method, HttpRequest.BodyPublishers.ofString(form));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The path a redirect points to (Tomcat makes the {@code Location} absolute). */
  private static String location(HttpResponse<String> redirect) {
    return URI.create(redirect.headers().firstValue("Location").orElseThrow()).getPath();
  }

  private static boolean ok(JsonNode checkpoint) {
    return checkpoint.at("/output/status").asInt() == 200;
  }

  /** A statement Hibernate issued in the trace, found by a part of its SQL. */
  private static Predicate<JsonNode> inTrace(String traceId, String sql) {
    return c ->
        kind(c, "SQL")
            && c.path("traceId").asText().equals(traceId)
            && c.at("/input/statement").asText().toLowerCase(java.util.Locale.ROOT).contains(sql);
  }

  /** The ids of a checkpoint's parent, its parent's parent, up to the root. */
  private static List<String> ancestors(List<JsonNode> recorded, JsonNode checkpoint) {
    List<String> ids = new ArrayList<>();
    for (JsonNode current = checkpoint; !current.path("parentId").isNull(); ) {
      String parent = current.path("parentId").asText();
      ids.add(parent);
      current = one(recorded, c -> c.path("id").asText().equals(parent));
    }
    return ids;
  }
}
