package dev.checkpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.assets.Asset;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.AssetLayout;
import dev.checkpoint.assets.CheckpointTrees;
import dev.checkpoint.assets.Normaliser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code checkpoint impact} on two folders of assets. */
class ImpactCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PAYMENT_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

  @TempDir Path directory;

  /* The place-order step: orders pays through payments and stores the payment id it got. */
  private Path assets(String name, String paymentId) throws IOException {
    ObjectNode root = checkpoint("a1", null, "orders", "HTTP_SERVER", "POST /orders", 1);
    root.putObject("output").put("status", 201);
    ObjectNode client = checkpoint("a2", "a1", "orders", "HTTP_CLIENT", "POST /payments", 2);
    client
        .putObject("input")
        .put("method", "POST")
        .put("url", "http://127.0.0.1:41234/payments")
        .putObject("body")
        .put("amountCents", 9000);
    client.putObject("output").put("status", 201).putObject("body").put("paymentId", paymentId);
    ObjectNode server = checkpoint("a3", "a2", "payments", "HTTP_SERVER", "POST /payments", 3);
    ObjectNode update = checkpoint("a4", "a1", "orders", "SQL", "UPDATE orders", 4);
    update.putObject("input").putArray("parameters").add(paymentId);
    List<JsonNode> wire = List.of(root, client, server, update);
    Path dir = directory.resolve(name);
    AssetFormat.write(
        Asset.ofTrees(CheckpointTrees.assemble(wire), Normaliser.defaults()),
        AssetLayout.at(dir).path("shop", "place-order"));
    return dir;
  }

  private static ObjectNode checkpoint(
      String id, String parent, String service, String kind, String name, long start) {
    ObjectNode checkpoint = JSON.createObjectNode();
    checkpoint.put("id", id + "00000000000000");
    checkpoint.put("traceId", "0af7651916cd43dd8448eb211c80319c");
    checkpoint.put("parentId", parent == null ? null : parent + "00000000000000");
    checkpoint.put("service", service).put("kind", kind).put("name", name);
    checkpoint.put("startTimeUnixNano", Long.toString(1763900000000000000L + start));
    return checkpoint;
  }

  @Test
  void anAnswerOfAnotherFormNamesTheConsumerTheFieldAndTheCheckpointThatUsedItAndExits1()
      throws IOException {
    CliRun run =
        CliRun.of(
            "impact",
            "--recorded",
            assets("recorded", PAYMENT_ID).toString(),
            "--now",
            assets("now", "pay_" + PAYMENT_ID).toString());

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "Affected consumers: orders",
            "orders -> payments: POST /payments (place-order), provider state 'place-order'",
            "  $.paymentId: \"" + PAYMENT_ID + "\" -> \"pay_" + PAYMENT_ID + "\"",
            "    read by orders/HTTP_SERVER/POST /orders#0 > orders/SQL/UPDATE orders#0");
  }

  @Test
  void newIdsOfTheSameFormAffectNoConsumerAndExit0InMarkdownToo() throws IOException {
    CliRun run =
        CliRun.of(
            "impact",
            "--recorded",
            assets("recorded", PAYMENT_ID).toString(),
            "--now",
            assets("now", "00000000-0000-4000-8000-000000000000").toString(),
            "--markdown");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "**No consumer is affected**: every recorded interaction is answered as recorded.\n");
  }

  @Test
  void aFolderWithoutAssetsIsAnErrorSayingWhatToDo() throws IOException {
    CliRun run =
        CliRun.of(
            "impact",
            "--recorded",
            assets("recorded", PAYMENT_ID).toString(),
            "--now",
            directory.resolve("missing").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "checkpoint: --now "
                + directory.resolve("missing")
                + " is not a directory of assets (<DIR>/<scenario>/<step>.json).\n");
  }
}
