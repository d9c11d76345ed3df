package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetFormatTest {

  static List<CheckpointNode> checkout() throws IOException {
    List<JsonNode> wire = new ArrayList<>();
    Wire.MAPPER.readTree(resource("wire/checkout.json")).forEach(wire::add);
    return CheckpointTrees.assemble(wire);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = AssetFormatTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String minimal(String formatVersion) {
    return "{\"checkpoints\":[],"
        + formatVersion
        + "\"normalisation\":{\"detectors\":[],\"rules\":[]},\"scope\":{\"type\":\"tree\"}}";
  }

  private static String withCheckpoints(String checkpoints) {
    return "{\"checkpoints\":"
        + checkpoints
        + ",\"formatVersion\":2,\"normalisation\":{\"detectors\":[],\"rules\":[]},"
        + "\"scope\":{\"type\":\"tree\"}}";
  }

  @Test
  void aCacheCheckpointIsReadAndWrittenBackWithItsKey() {
    String cache =
        withCheckpoints(
            "[{\"input\":{\"arguments\":[],\"command\":\"GET\",\"keys\":[\"price:42\"]},"
                + "\"key\":\"shop/CACHE/GET#0\",\"kind\":\"CACHE\",\"name\":\"GET\","
                + "\"output\":{\"reply\":\"12.50\"},\"service\":\"shop\"}]");
    Asset asset = AssetFormat.read(cache, "cache.json");

    CheckpointNode get = asset.checkpoints().get(0);
    assertThat(get.kind()).isEqualTo(Kind.CACHE.name());
    assertThat(get.key()).hasToString("shop/CACHE/GET#0");
    assertThat(get.output().at("/reply").asText()).isEqualTo("12.50");
    assertThat(
            AssetFormat.read(AssetFormat.write(asset), "again.json").checkpoints().get(0).input())
        .isEqualTo(get.input());
  }

  @Test
  void writesTheGoldenFileForARecordedTree() throws IOException {
    Asset asset = Asset.ofTrees(checkout(), Normaliser.defaults());

    assertThat(AssetFormat.write(asset)).isEqualTo(resource("golden/checkout.json"));
  }

  @Test
  void readingAndWritingAnAssetGivesTheSameBytes() throws IOException {
    String golden = resource("golden/checkout.json");

    Asset asset = AssetFormat.read(golden, "golden/checkout.json");

    assertThat(AssetFormat.write(asset)).isEqualTo(golden);
    assertThat(asset).isEqualTo(Asset.ofTrees(checkout(), Normaliser.defaults()));
  }

  @Test
  void keepsRecordedValuesWithTheirTypesAndMarksNoiseBesideThem() throws IOException {
    Asset asset = AssetFormat.read(resource("golden/checkout.json"), "checkout.json");
    CheckpointNode insert = asset.checkpoints().get(0).children().get(0);

    assertThat(insert.input().at("/parameters/0").asText())
        .isEqualTo("5d0c7a52-3b1e-4f7e-9a53-0e6f1c2b3a4d");
    assertThat(insert.input().at("/parameters/2").isNumber()).isTrue();
    assertThat(insert.noise())
        .containsExactly(
            Map.entry("/input/parameters/0", "<uuid>"),
            Map.entry("/input/parameters/3", "<timestamp>"));
    assertThat(insert.normalised().at("/input/parameters/0").asText()).isEqualTo("<uuid>");
  }

  @Test
  void readsVersion1WithItsPlaceholdersAsNoiseAndComparesItWithVersion2() throws IOException {
    Asset old = AssetFormat.read(resource("golden/checkout-v1.json"), "checkout-v1.json");
    Asset fresh = Asset.ofTrees(checkout(), Normaliser.defaults());
    CheckpointNode root = old.checkpoints().get(0);

    assertThat(root.output().at("/body/orderId").asText()).isEqualTo("<uuid>");
    assertThat(root.noise())
        .containsEntry("/output/body/orderId", "<uuid>")
        .containsEntry("/output/headers/date", "<timestamp>");
    assertThat(StructuralDiff.defaults().compare(old, fresh).isEmpty()).isTrue();
    assertThat(StructuralDiff.defaults().compare(fresh, old).isEmpty()).isTrue();
    assertThat(AssetFormat.write(old)).contains("\"formatVersion\": 2");
  }

  @Test
  void theNoiseOfACheckpointMustLeadToItsValues() {
    String checkpoint =
        "[{\"key\":\"s/METHOD/run#0\",\"service\":\"s\",\"kind\":\"METHOD\","
            + "\"name\":\"run\",\"input\":{\"id\":1},\"output\":2,\"noise\":%s}]";

    assertThat(
            AssetFormat.read(withCheckpoints(checkpoint.formatted("{\"/input/id\":\"<id>\"}")), "n")
                .checkpoints()
                .get(0)
                .noise())
        .containsExactly(Map.entry("/input/id", "<id>"));
    assertThatThrownBy(
            () ->
                AssetFormat.read(
                    withCheckpoints(checkpoint.formatted("{\"/input/orderId\":\"<id>\"}")),
                    "g.json"))
        .isInstanceOf(AssetFormatException.class)
        .hasMessage(
            "g.json: /checkpoints/0/noise has \"/input/orderId\", which leads to no recorded value"
                + " of the checkpoint. Remove it, or give the JSON Pointer of a value in input,"
                + " output, error or attributes.");
    assertThatThrownBy(
            () ->
                AssetFormat.read(
                    withCheckpoints(checkpoint.formatted("[\"/input/id\"]")), "h.json"))
        .hasMessage(
            "h.json: /checkpoints/0/noise is not an object. Noise is {\"JSON Pointer from the"
                + " checkpoint\": \"placeholder\"}, such as {\"/output/body/id\": \"<uuid>\"}.");
  }

  @Test
  void keepsTheTreeInTheKeys() throws IOException {
    Asset asset = AssetFormat.read(resource("golden/checkout.json"), "checkout.json");

    assertThat(asset.checkpoints()).hasSize(1);
    assertThat(asset.checkpoints().get(0).children())
        .extracting(CheckpointNode::name)
        .containsExactly("insert into orders", "POST /payments", "OrderService.markFailed");
    assertThat(asset.checkpoints().get(0).id()).isEmpty();
  }

  @Test
  void writesComponentAssetsWithTheirScopeAndRules() {
    List<CheckpointNode> roots =
        CheckpointTrees.assemble(
            List.of(
                Wire.method("r", null, "Checkout.run", 0),
                Wire.method("p", "r", "PaymentService.authorize", 1),
                Wire.method("q", "p", "Gateway.charge", 2)));
    Normaliser normaliser =
        Normaliser.builder()
            .detector(Detector.UUID)
            .rule(NormalisationRule.keepPath("/input/sku"))
            .rule(NormalisationRule.replaceKey("*Token", "<token>"))
            .build();

    Asset asset = Asset.ofComponent("PaymentService.authorize", roots, normaliser);
    String json = AssetFormat.write(asset);

    assertThat(json)
        .isEqualTo(
            """
            {
              "checkpoints": [
                {
                  "input": {},
                  "key": "orders/METHOD/Checkout.run#0 > orders/METHOD/PaymentService.authorize#0",
                  "kind": "METHOD",
                  "name": "PaymentService.authorize",
                  "output": {},
                  "service": "orders"
                },
                {
                  "input": {},
                  "key": "orders/METHOD/Checkout.run#0 > orders/METHOD/PaymentService.authorize#0 > orders/METHOD/Gateway.charge#0",
                  "kind": "METHOD",
                  "name": "Gateway.charge",
                  "output": {},
                  "service": "orders"
                }
              ],
              "formatVersion": 2,
              "normalisation": {
                "detectors": [
                  "uuid"
                ],
                "rules": [
                  {
                    "keep": true,
                    "path": "/input/sku"
                  },
                  {
                    "key": "*Token",
                    "replaceWith": "<token>"
                  }
                ]
              },
              "scope": {
                "name": "PaymentService.authorize",
                "type": "component"
              }
            }
            """);
    Asset read = AssetFormat.read(json, "payment.json");
    assertThat(read).isEqualTo(asset);
    assertThat(read.component()).contains("PaymentService.authorize");
    assertThat(read.normaliser()).isEqualTo(normaliser);
    assertThat(read.checkpoints().get(0).children()).hasSize(1);
  }

  @Test
  void writesAndReadsFiles(@TempDir Path directory) throws IOException {
    Asset asset = Asset.ofSubtree(checkout().get(0).children().get(1), Normaliser.defaults());
    Path file = AssetLayout.at(directory).path("Checkout", "pay by card");

    AssetFormat.write(asset, file);

    assertThat(file).isEqualTo(directory.resolve("checkout").resolve("pay-by-card.json"));
    assertThat(AssetFormat.read(file)).isEqualTo(asset);
    assertThat(AssetFormat.read(Files.newInputStream(file), "resource")).isEqualTo(asset);
    assertThat(asset.scope()).isEqualTo(Asset.Scope.SUBTREE);
  }

  @Test
  void refusesAnUnknownFormatVersionNamingTheVersionsItReads() {
    assertThatThrownBy(
            () -> AssetFormat.read(minimal("\"formatVersion\":7,"), "orders/create.json"))
        .isInstanceOf(AssetFormatException.class)
        .hasMessage(
            "orders/create.json: /formatVersion is 7, which this version of Checkpoint cannot"
                + " read. It reads formatVersion [1, 2]. Use the checkpoint-assets version that wrote"
                + " the file, or record the asset again with this one.")
        .extracting(e -> ((AssetFormatException) e).source())
        .isEqualTo("orders/create.json");
  }

  @Test
  void refusesAFileWithoutFormatVersion() {
    assertThatThrownBy(() -> AssetFormat.read(minimal(""), "a.json"))
        .hasMessage(
            "a.json has no formatVersion. This library reads formatVersion [1, 2]; was the file"
                + " written by Checkpoint?");
  }

  /** Found by AssetFormatFuzzTest: a NumberFormatException escaped the reader. */
  @Test
  void refusesANumberWhoseExponentBigDecimalCannotHold() {
    String huge = withCheckpoints("[{\"input\": {\"x\": 1e2147483648}}]");

    assertThatThrownBy(() -> AssetFormat.read(huge, "n.json"))
        .isInstanceOf(AssetFormatException.class)
        .hasMessageStartingWith(
            "n.json holds a number whose exponent is beyond ±2147483647, which cannot be read"
                + " exactly: Value \"1e2147483648\"")
        .hasMessageEndingWith("Fix the file, or delete it and record the asset again.");
  }

  @Test
  void refusesInvalidJsonSayingWhere() {
    assertThatThrownBy(() -> AssetFormat.read("{\n  \"formatVersion\": 1,,\n}", "b.json"))
        .isInstanceOf(AssetFormatException.class)
        .hasMessageStartingWith(
            "b.json is not valid JSON (line 2, column 22): Unexpected character")
        .hasMessageEndingWith(". Fix the file, or delete it and record the asset again.");
  }

  @Test
  void namesTheFieldThatIsWrong() {
    String unknownField =
        withCheckpoints(
            "[{\"key\":\"s/METHOD/run#0\",\"service\":\"s\",\"kind\":\"METHOD\","
                + "\"name\":\"run\",\"input\":1,\"output\":2,\"thread\":\"main\"}]");
    assertThatThrownBy(() -> AssetFormat.read(unknownField, "c.json"))
        .hasMessage(
            "c.json: /checkpoints/0 has the unknown field \"thread\". Remove it; the fields here"
                + " are [attributes, error, input, key, kind, name, noise, output, redacted,"
                + " service, truncated].");

    String mismatch =
        withCheckpoints(
            "[{\"key\":\"s/METHOD/run#0\",\"service\":\"s\",\"kind\":\"SQL\","
                + "\"name\":\"run\",\"input\":1,\"output\":2}]");
    assertThatThrownBy(() -> AssetFormat.read(mismatch, "d.json"))
        .hasMessage(
            "d.json: /checkpoints/0 does not match its key. Checkpoint 's/METHOD/run#0' has kind"
                + " \"SQL\" but its key says 'METHOD'. The last segment of a key names the"
                + " checkpoint's own service/kind/name.");

    String unknownKind =
        withCheckpoints(
            "[{\"key\":\"s/FUNCTION/run#0\",\"service\":\"s\",\"kind\":\"FUNCTION\","
                + "\"name\":\"run\",\"input\":1,\"output\":2}]");
    assertThatThrownBy(() -> AssetFormat.read(unknownKind, "k.json"))
        .hasMessage("k.json: /checkpoints/0/kind is not a kind. A kind is " + Kind.RULE + ".");

    String badDetector =
        minimal("\"formatVersion\":2,").replace("\"detectors\":[]", "\"detectors\":[\"ulid\"]");
    assertThatThrownBy(() -> AssetFormat.read(badDetector, "e.json"))
        .hasMessage(
            "e.json: /normalisation/detectors/0 is \"ulid\", which is not a detector. Use one of"
                + " duration, id, port, timestamp, uuid.");
  }

  @Test
  void refusesRepeatedKeys() {
    String checkpoint =
        "{\"key\":\"s/METHOD/run#0\",\"service\":\"s\",\"kind\":\"METHOD\",\"name\":\"run\","
            + "\"input\":1,\"output\":2}";
    String json = withCheckpoints("[" + checkpoint + "," + checkpoint + "]");

    assertThatThrownBy(() -> AssetFormat.read(json, "f.json"))
        .hasMessage(
            "f.json: /checkpoints/1/key repeats the key 's/METHOD/run#0'. Keys are unique within"
                + " an asset; give the checkpoints distinct ordinals.");
  }
}
