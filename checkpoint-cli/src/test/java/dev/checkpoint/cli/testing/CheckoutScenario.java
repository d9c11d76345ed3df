package dev.checkpoint.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.junit.CheckpointScenario;
import dev.checkpoint.junit.ScenarioRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A JUnit test marked as a scenario, run by a {@code test} step through {@link JunitMain} (its name
 * keeps Surefire from running it on its own). Its client is not instrumented, so it adds the run's
 * headers itself. {@code SHOP} is the shop's base URL; {@code CUSTOMER} is who orders, and {@code
 * fail} makes the test fail.
 */
@CheckpointScenario
class CheckoutScenario {
  @Test
  void placesAnOrder(ScenarioRun run) throws IOException, InterruptedException {
    String customer = System.getenv().getOrDefault("CUSTOMER", "dave");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(System.getenv("SHOP") + "/orders"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"customer\": \"" + customer + "\", \"sku\": \"PEN-3\"}"));
    run.headers().forEach(request::header);

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(run.runId()).isPresent();
    assertThat(customer).as("the customer").isNotEqualTo("fail");
    assertThat(response.statusCode()).isEqualTo(201);
  }
}
