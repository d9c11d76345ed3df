package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every read of a tree the ingestion accepted answers with the tree or with a 4xx saying what to
 * narrow, never a 500, however deep or large the tree is.
 */
class DeepAndLargeTreesTest {
  @TempDir Path directory;

  /** Links {@code count} checkpoints into a chain, posted in batches of {@code perBatch}. */
  private static void postChain(Http http, int count, int perBatch) {
    for (int from = 0; from < count; from += perBatch) {
      List<ObjectNode> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + perBatch); i++) {
        batch.add(checkpoint(id(i), i == 0 ? null : id(i - 1), "METHOD", "call", i));
      }
      HttpResponse<String> response =
          http.postBatch(batch("deep", batch.toArray(ObjectNode[]::new)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
  }

  private static String id(int i) {
    return String.format("c%015x", i + 1);
  }

  @Test
  void aBatchThatBringsAChainDeeperThanTheLimitIsRefusedNamingTheCheckpoint() {
    try (CheckpointServer server =
        CheckpointServer.start(TestServers.sqlite(directory).maxTreeDepth(10).build())) {
      Http http = new Http(server.port());
      List<ObjectNode> chain = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        chain.add(checkpoint(id(i), i == 0 ? null : id(i - 1), "METHOD", "call", i));
      }

      HttpResponse<String> response =
          http.postBatch(batch("deep", chain.toArray(ObjectNode[]::new)));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(Http.json(response).get("path").asText()).isEqualTo("checkpoints[10].parentId");
      assertThat(Http.json(response).get("detail").asText())
          .isEqualTo(
              "checkpoints[10].parentId ends a chain of 11 checkpoints in this batch, deeper than"
                  + " limits.max-tree-depth (10): a tree that deep cannot be read back nested or"
                  + " as assets");
    }
  }

  @Test
  void aTreeDeeperThanTheLimitIsReadFlatAndRefusedNestedWithWhatToDoInstead() {
    try (CheckpointServer server =
        CheckpointServer.start(TestServers.sqlite(directory).maxTreeDepth(100).build())) {
      Http http = new Http(server.port());
      postChain(http, 600, 90);
      String trace = "/api/v1/traces/" + Batches.TRACE;

      HttpResponse<String> nested = http.get(trace);
      HttpResponse<String> export = http.get("/api/v1/export?trace=" + Batches.TRACE);
      HttpResponse<String> diff =
          http.get("/api/v1/diff?trace=" + Batches.TRACE + "&trace=" + Batches.TRACE);

      for (HttpResponse<String> refused : List.of(nested, export, diff)) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(Http.json(refused).get("detail").asText())
            .contains("is 600 checkpoints deep, deeper than limits.max-tree-depth (100)")
            .contains("Read it flat");
      }
      assertThat(Http.json(http.get(trace + "/checkpoints")).get("checkpoints")).hasSize(600);
      assertThat(Http.json(http.get(trace + "/outline")).at("/checkpoints/599/depth").asInt())
          .isEqualTo(599);
      assertThat(http.get("/ui/traces/" + Batches.TRACE).statusCode()).isEqualTo(200);
      assertThat(http.get("/ui/export?trace=" + Batches.TRACE).statusCode()).isEqualTo(422);
    }
  }

  @Test
  void aTreeWithinADeepLimitIsNestedBeyondJacksonsDefaultNesting() {
    try (CheckpointServer server =
        CheckpointServer.start(TestServers.sqlite(directory).maxTreeDepth(700).build())) {
      Http http = new Http(server.port());
      postChain(http, 650, 200);

      HttpResponse<String> nested = http.get("/api/v1/traces/" + Batches.TRACE);

      // Deeper than Jackson reads by default, so looked at as text.
      assertThat(nested.statusCode()).isEqualTo(200);
      assertThat(nested.body()).contains("\"checkpointCount\":650").endsWith("]}]}");
    }
  }

  @Test
  void aTreeOverTheCheckpointLimitIsOutlinedButNotLoadedWithItsPayloads() {
    try (CheckpointServer server =
        CheckpointServer.start(TestServers.sqlite(directory).maxTreeCheckpoints(50).build())) {
      Http http = new Http(server.port());
      postChain(http, 60, 60);

      HttpResponse<String> nested = http.get("/api/v1/traces/" + Batches.TRACE);
      HttpResponse<String> flat = http.get("/api/v1/traces/" + Batches.TRACE + "/checkpoints");

      for (HttpResponse<String> refused : List.of(nested, flat)) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(Http.json(refused).get("error").asText()).isEqualTo("too_large");
        assertThat(Http.json(refused).get("detail").asText())
            .contains("60 checkpoints")
            .contains("limits.max-tree-checkpoints 50")
            .contains("/outline");
      }
      assertThat(http.get("/api/v1/traces/" + Batches.TRACE + "/outline").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void concurrentExportsWaitForTheirTurnAndAllSucceed() throws Exception {
    try (CheckpointServer server = CheckpointServer.start(TestServers.sqlite(directory).build())) {
      Http http = new Http(server.port());
      postChain(http, 200, 100);
      ExecutorService clients = Executors.newFixedThreadPool(6);
      try {
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          statuses.add(
              clients.submit(() -> http.get("/api/v1/export?trace=" + Batches.TRACE).statusCode()));
        }
        for (Future<Integer> status : statuses) {
          assertThat(status.get()).isEqualTo(200);
        }
      } finally {
        clients.shutdownNow();
      }
    }
  }
}
