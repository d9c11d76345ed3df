package dev.checkpoint.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractsTest {
  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void anHttpCallWithTheProvidersServerCheckpointUnderItAndAPublishWithItsConsumeAreInteractions() {
    Contracts contracts =
        Contracts.of(
            List.of(
                Recording.ofStep(
                    "place-order", ShopTrees.placeOrder(ShopTrees.PAYMENT_ID, TRACE))));

    assertThat(contracts.pairs())
        .containsExactly(
            new Contracts.Pair("orders", "payments"), new Contracts.Pair("shipping", "payments"));
    Interaction payment = contracts.of(new Contracts.Pair("orders", "payments")).get(0);
    assertThat(payment.type()).isEqualTo(Interaction.Type.HTTP);
    assertThat(payment.state()).isEqualTo("place-order");
    assertThat(payment.description()).isEqualTo("POST /payments (place-order)");
    assertThat(payment.example().at("/request/path").asText()).isEqualTo("/payments");
    assertThat(payment.example().at("/request/headers").toString())
        .isEqualTo("{\"content-type\":\"application/json\"}");
    assertThat(payment.example().at("/response/status").asInt()).isEqualTo(201);
    assertThat(payment.noise())
        .containsEntry("/request/body/orderId", "<uuid>")
        .containsEntry("/response/body/paymentId", "<uuid>");
    assertThat(payment.redacted()).containsExactly("/request/body/cardNumber");
    assertThat(payment.readers()).extracting(node -> node.name()).containsExactly("UPDATE orders");

    Interaction message = contracts.of(new Contracts.Pair("shipping", "payments")).get(0);
    assertThat(message.type()).isEqualTo(Interaction.Type.MESSAGE);
    assertThat(message.example().at("/metadata/routingKey").asText()).isEqualTo("order.paid");
    assertThat(message.readers())
        .extracting(node -> node.name())
        .containsExactly("INSERT shipments");
  }

  @Test
  void equalRequestsInOneStateAreOneInteractionAndTreesWithoutStepsAreNamedByTheirEntry() {
    Contracts twice =
        Contracts.of(
            List.of(
                Recording.ofStep("place-order", ShopTrees.placeOrder(ShopTrees.PAYMENT_ID, TRACE)),
                Recording.ofStep(
                    "place-order",
                    ShopTrees.placeOrder(
                        "00000000-0000-4000-8000-000000000000",
                        "1af7651916cd43dd8448eb211c80319c"))));
    assertThat(twice.interactions()).hasSize(2);

    Contracts unnamed =
        Contracts.of(
            List.of(Recording.withoutSteps(ShopTrees.placeOrder(ShopTrees.PAYMENT_ID, TRACE))));
    assertThat(unnamed.interactions().get(0).state()).isEqualTo("POST /orders answered 201");
  }

  @Test
  void thePactHasOneFilePerPairWithMatchersForNoiseAndTypeMatchersForRedactedValues()
      throws Exception {
    Contracts contracts =
        Contracts.of(
            List.of(
                Recording.ofStep(
                    "place-order", ShopTrees.placeOrder(ShopTrees.PAYMENT_ID, TRACE))));

    Map<String, String> files = PactExport.files(contracts);

    assertThat(files).containsOnlyKeys("orders-payments.json", "shipping-payments.json");
    JsonNode pact = ShopTrees.JSON.readTree(files.get("orders-payments.json"));
    assertThat(pact.at("/metadata/pactSpecification/version").asText()).isEqualTo("4.0");
    assertThat(pact.at("/consumer/name").asText()).isEqualTo("orders");
    JsonNode http = pact.at("/interactions/0");
    assertThat(http.path("type").asText()).isEqualTo("Synchronous/HTTP");
    assertThat(http.at("/providerStates/0/name").asText()).isEqualTo("place-order");
    assertThat(http.at("/request/body/content/cardNumber").asText()).isEqualTo("[REDACTED]");
    assertThat(http.at("/request/matchingRules/body").get("$.cardNumber").toString())
        .isEqualTo("{\"combine\":\"AND\",\"matchers\":[{\"match\":\"type\"}]}");
    assertThat(
            http.at("/request/matchingRules/body")
                .get("$.orderId")
                .at("/matchers/0/regex")
                .asText())
        .startsWith("[0-9a-fA-F]{8}-");
    assertThat(
            http.at("/response/matchingRules/body")
                .get("$.paymentId")
                .at("/matchers/0/match")
                .asText())
        .isEqualTo("regex");
    assertThat(http.at("/response/headers/content-type/0").asText()).isEqualTo("application/json");
    assertThat(http.at("/response/headers").has("date")).isFalse();

    JsonNode message =
        ShopTrees.JSON.readTree(files.get("shipping-payments.json")).at("/interactions/0");
    assertThat(message.path("type").asText()).isEqualTo("Asynchronous/Messages");
    assertThat(message.at("/metadata/exchange").asText()).isEqualTo("shop");
    assertThat(message.at("/matchingRules/body").has("$.paymentId")).isTrue();
  }

  @Test
  void aRecordingWithoutCrossServiceCallsExportsNothingAndSaysWhy() {
    Contracts contracts = Contracts.of(List.of(Recording.withoutSteps(ShopTrees.alone())));

    assertThat(contracts.interactions()).isEmpty();
    assertThatThrownBy(() -> PactExport.files(contracts))
        .isInstanceOf(ContractException.class)
        .hasMessageContaining("no cross-service calls")
        .hasMessageContaining("Its services are shipping");
  }

  @Test
  void anUnknownServiceIsNamedWithTheChoices() {
    Contracts contracts =
        Contracts.of(
            List.of(
                Recording.ofStep(
                    "place-order", ShopTrees.placeOrder(ShopTrees.PAYMENT_ID, TRACE))));

    assertThatThrownBy(() -> PactExport.files(contracts, "billing"))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "No service 'billing' recorded checkpoints in these trees; the services are: orders,"
                + " payments, shipping.");
  }
}
