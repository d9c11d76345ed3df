package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/** Two servers on one PostgreSQL database act as one: neither keeps state of its own. */
class SharedPostgresTest {

  @Test
  void twoServersShareOneDatabase() throws Exception {
    String user = PostgresDatabase.user();
    String schema = PostgresDatabase.newSchemaName();
    ServerConfig config =
        ServerConfig.builder()
            .port(0)
            .dbUrl(PostgresDatabase.URL)
            .dbUser(user)
            .dbSchema(schema)
            .dbPoolSize(2)
            .build();
    try (CheckpointServer first = CheckpointServer.start(config);
        CheckpointServer second = CheckpointServer.start(config)) {
      Http one = new Http(first.port());
      Http two = new Http(second.port());
      ObjectNode payments =
          batch(
              "payments",
              checkpoint("b000000000000001", "a000000000000001", "HTTP_SERVER", "pay", 1));
      ObjectNode shop =
          batch("shop", checkpoint("a000000000000001", null, "HTTP_SERVER", "order", 0));

      assertThat(Http.json(one.postBatch(payments)).get("accepted").asInt()).isEqualTo(1);
      assertThat(Http.json(two.postBatch(shop)).get("accepted").asInt()).isEqualTo(1);
      assertThat(Http.json(two.postBatch(payments)).get("duplicates").asInt()).isEqualTo(1);

      var tree = Http.json(one.get("/api/v1/traces/" + Batches.TRACE));
      assertThat(tree.at("/roots/0/id").asText()).isEqualTo("a000000000000001");
      assertThat(tree.at("/roots/0/children/0/id").asText()).isEqualTo("b000000000000001");
      assertThat(Http.json(two.get("/api/v1/checkpoints?text=ORDER")).get("items")).hasSize(1);
      assertThat(two.get("/health").statusCode()).isEqualTo(200);
    } finally {
      PostgresDatabase.dropSchema(user, schema);
    }
  }
}
