package dev.checkpoint.demo;

import static dev.checkpoint.demo.Trees.HTTP;
import static dev.checkpoint.demo.Trees.awaitTree;
import static dev.checkpoint.demo.Trees.is;
import static dev.checkpoint.demo.Trees.newTraceId;
import static dev.checkpoint.demo.Trees.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.checkpoint.assets.AssetFormat;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.DiffRenderer;
import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.StructuralDiff;
import dev.checkpoint.assets.TreeDiff;
import dev.checkpoint.contracts.Contracts;
import dev.checkpoint.contracts.Impact;
import dev.checkpoint.contracts.PactExport;
import dev.checkpoint.contracts.Recording;
import dev.checkpoint.contracts.WireMockExport;
import dev.checkpoint.server.CheckpointServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Contracts made from the recorded shop, checked by the real tools: the pact between orders and
 * payments, verified by Pact's JUnit 5 provider verifier against the real payments service, passes;
 * against payments started with {@code --payment-id-prefix pay_} it fails at {@code $.paymentId}.
 * WireMock, loaded with the exported mappings of orders' outbound calls, stands in for payments,
 * and orders records the same tree as with the real payments. {@link Impact} names orders, the
 * interaction, {@code $.paymentId} and orders' {@code UPDATE orders} for the prefixed ids, and no
 * consumer for the fee payments only stores.
 */
class ContractsDemoTest {
  /**
   * Where the exported pacts are written, relative to the module (Surefire's working directory).
   */
  static final String PACTS = "target/contracts-demo-pacts";

  @TempDir static Path dir;
  static CheckpointServer server;
  static ShopProcesses shop;
  static final AtomicReference<List<Recording>> recordedSteps = new AtomicReference<>();
  static Contracts recorded;

  @BeforeAll
  static void record() throws Exception {
    ShopProcesses.requireRabbitMq();
    server = ShopProcesses.startServer(dir);
    shop = new ShopProcesses(dir, "http://127.0.0.1:" + server.port());
    shop.start(Map.of());
    recordedSteps.set(steps(shop.ordersPort, "shipping"));
    recorded = Contracts.of(recordedSteps.get());
    Path pacts = Path.of(PACTS);
    if (Files.exists(pacts)) {
      try (Stream<Path> old = Files.walk(pacts)) {
        old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    Files.createDirectories(pacts);
    for (Map.Entry<String, String> file : PactExport.files(recorded).entrySet()) {
      Files.writeString(pacts.resolve(file.getKey()), file.getValue());
    }
  }

  /**
   * The scenario's order steps against orders on a port, each tree as its asset has it; the paid
   * order's tree is complete when {@code lastService} has run its SQL {@code INSERT}.
   */
  static List<Recording> steps(int ordersPort, String lastService) throws Exception {
    List<Recording> steps = new ArrayList<>();
    steps.add(
        Recording.ofStep(
            "place-order",
            order(ordersPort, "BOOK-1", 2, "4111111111111111", lastService, "SQL", "INSERT")));
    steps.add(
        Recording.ofStep(
            "declined-card",
            order(ordersPort, "MUG-2", 1, "4000000000000002", "orders", "SQL", "UPDATE")));
    return steps;
  }

  /** Places an order and returns its tree as the server exports it: an asset, noise marked. */
  static List<CheckpointNode> order(
      int ordersPort,
      String product,
      int quantity,
      String card,
      String lastService,
      String lastKind,
      String lastName)
      throws Exception {
    String traceId = newTraceId();
    HttpResponse<String> placed =
        post(
            "http://127.0.0.1:" + ordersPort + "/orders",
            "{\"productId\": \""
                + product
                + "\", \"quantity\": "
                + quantity
                + ", \"cardNumber\": \""
                + card
                + "\"}",
            traceId);
    assertThat(placed.statusCode()).as(placed.body()).isIn(201, 402);
    awaitTree(
        server.port(),
        traceId,
        nodes -> nodes.stream().anyMatch(n -> is(n, lastService, lastKind, lastName)));
    HttpResponse<String> asset =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + server.port() + "/api/v1/export?trace=" + traceId))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(asset.statusCode()).as(asset.body()).isEqualTo(200);
    return AssetFormat.read(asset.body(), "trace " + traceId).checkpoints();
  }

  @AfterAll
  static void stop() throws Exception {
    PaymentsProviderVerification.target = 0;
    if (shop != null) {
      shop.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static Events verify(int paymentsPort) {
    PaymentsProviderVerification.target = paymentsPort;
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(PaymentsProviderVerification.class))
        .execute()
        .testEvents();
  }

  @Test
  void pactsVerifiedByPactsOwnProviderVerifierAgainstTheRealPaymentsServicePass() {
    Events events = verify(shop.paymentsPort);

    assertThat(events.started().count()).as(events.toString()).isEqualTo(2);
    assertThat(events.failed().stream().map(ContractsDemoTest::failure).toList()).isEmpty();
    assertThat(events.succeeded().count()).isEqualTo(2);
  }

  @Test
  void paymentsThatAnswerAnotherPaymentIdFailTheVerificationAtPaymentId() throws Exception {
    int port = ShopProcesses.freePort();
    shop.start(
        "payments-pay",
        PaymentsService.class,
        port,
        Map.of(
            "DEMO_PAYMENTS_ID_PREFIX", "pay_", "DEMO_SHIPPING_URL", shop.url(shop.shippingPort)));

    Events events = verify(port);

    assertThat(events.failed().count()).as(events.toString()).isEqualTo(2);
    for (Event failed : events.failed().list()) {
      assertThat(failed.getTestDescriptor().getDisplayName())
          .containsAnyOf("POST /payments (place-order)", "POST /payments (declined-card)");
      assertThat(failure(failed)).contains("$.paymentId").doesNotContain("$.status");
    }
  }

  @Test
  void wireMockWithTheExportedMappingsStandsInForPaymentsAndOrdersRecordsTheSameTree()
      throws Exception {
    Path root = dir.resolve("wiremock");
    Files.createDirectories(root.resolve("mappings"));
    Files.createDirectories(root.resolve("__files"));
    for (Map.Entry<String, String> file : WireMockExport.files(recorded, "orders").entrySet()) {
      Files.writeString(root.resolve("mappings").resolve(file.getKey()), file.getValue());
    }
    WireMockServer wiremock =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(0)
                .usingFilesUnderDirectory(root.toString()));
    wiremock.start();
    try {
      int port = ShopProcesses.freePort();
      shop.start(
          "orders-stubbed",
          OrdersService.class,
          port,
          Map.of("DEMO_PAYMENTS_URL", "http://127.0.0.1:" + wiremock.port()));

      List<Recording> stubbed = steps(port, "orders");

      assertThat(wiremock.findAllUnmatchedRequests()).isEmpty();
      List<Recording> original = recordedSteps.get();
      for (int i = 0; i < original.size(); i++) {
        TreeDiff diff =
            StructuralDiff.builder()
                // WireMock answers with headers of its own (Matched-Stub-Id, ...): the stub
                // carries the recorded content-type, as the pact does.
                .ignorePath("/output/headers")
                .build()
                .compare(ordersPart(original.get(i).roots()), ordersPart(stubbed.get(i).roots()));
        assertThat(diff.isEmpty())
            .as("%s:%n%s", original.get(i).step(), DiffRenderer.text(diff, false))
            .isTrue();
      }
    } finally {
      wiremock.stop();
    }
  }

  @Test
  void impactOfPaymentsAnsweringOtherPaymentIdsNamesOrdersTheFieldAndTheUpdateThatStoredIt()
      throws Exception {
    Impact impact =
        Impact.of(
            recorded,
            Contracts.of(stepsAgainstPayments("pay", Map.of("DEMO_PAYMENTS_ID_PREFIX", "pay_"))));

    assertThat(impact.affected()).isTrue();
    assertThat(impact.consumers()).contains("orders");
    Impact.Finding paid =
        impact.findings().stream()
            .filter(f -> f.interaction().description().equals("POST /payments (place-order)"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(impact.text()));
    assertThat(paid.interaction().consumer()).isEqualTo("orders");
    assertThat(paid.interaction().state()).isEqualTo("place-order");
    assertThat(paid.field()).isEqualTo("$.paymentId");
    assertThat(paid.change().actual().asText()).startsWith("pay_");
    assertThat(paid.readers())
        .extracting(node -> node.key().toString())
        .containsExactly("orders/HTTP_SERVER/POST /orders#0 > orders/SQL/UPDATE orders#0");
    assertThat(impact.markdown()).contains("`$.paymentId`", "orders/SQL/UPDATE orders#0");
  }

  @Test
  void theStoreOnlyFeeOfPaymentsAffectsNoConsumer() throws Exception {
    Impact impact =
        Impact.of(
            recorded,
            Contracts.of(stepsAgainstPayments("fee", Map.of("DEMO_PAYMENTS_FEE_CENTS", "25"))));

    assertThat(impact.affected()).as(impact.text()).isFalse();
    assertThat(impact.unexercised()).isEmpty();
  }

  /* The order steps again, through a new orders and a new payments started with extra settings. */
  private static List<Recording> stepsAgainstPayments(String label, Map<String, String> settings)
      throws Exception {
    Map<String, String> env = new HashMap<>(settings);
    env.put("DEMO_SHIPPING_URL", shop.url(shop.shippingPort));
    int payments = ShopProcesses.freePort();
    shop.start("payments-" + label, PaymentsService.class, payments, env);
    int orders = ShopProcesses.freePort();
    shop.start(
        "orders-" + label,
        OrdersService.class,
        orders,
        Map.of("DEMO_PAYMENTS_URL", shop.url(payments)));
    return steps(orders, "shipping");
  }

  /* The orders service's own checkpoints: what payments and shipping recorded is left out. */
  private static List<CheckpointNode> ordersPart(List<CheckpointNode> roots) {
    List<CheckpointNode> kept = new ArrayList<>();
    for (CheckpointNode root : roots) {
      kept.add(ordersOnly(root));
    }
    return Normaliser.defaults().normalise(kept);
  }

  private static CheckpointNode ordersOnly(CheckpointNode node) {
    List<CheckpointNode> children = new ArrayList<>();
    for (CheckpointNode child : node.children()) {
      if (child.service().equals("orders")) {
        children.add(ordersOnly(child));
      }
    }
    return CheckpointNode.of(node.key(), node.fields(), children);
  }

  private static String failure(Event event) {
    return event
        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
        .map(Throwable::toString)
        .orElse(event.toString());
  }
}
