package dev.checkpoint.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireMockExportTest {
  private final Contracts contracts =
      Contracts.of(
          List.of(
              Recording.ofStep(
                  "place-order", ShopTrees.placeOrder(ShopTrees.PAYMENT_ID, ContractsTest.TRACE))));

  @Test
  void oneStubPerOutboundCallMatchingNoiseByPatternAndRedactedValuesByType() throws Exception {
    JsonNode file =
        ShopTrees.JSON.readTree(
            WireMockExport.files(contracts, "orders").get("orders-wiremock.json"));

    assertThat(file.path("mappings")).hasSize(1);
    JsonNode stub = file.at("/mappings/0");
    assertThat(stub.at("/request/method").asText()).isEqualTo("POST");
    assertThat(stub.at("/request/urlPath").asText()).isEqualTo("/payments");
    JsonNode body = stub.at("/request/bodyPatterns/0/equalToJson");
    assertThat(body.path("amountCents").asInt()).isEqualTo(9000);
    assertThat(body.path("cardNumber").asText()).isEqualTo("${json-unit.any-string}");
    assertThat(body.path("orderId").asText()).startsWith("${json-unit.regex}[0-9a-fA-F]{8}-");
    assertThat(stub.at("/response/status").asInt()).isEqualTo(201);
    assertThat(stub.at("/response/jsonBody/paymentId").asText()).isEqualTo(ShopTrees.PAYMENT_ID);
    assertThat(stub.at("/metadata/providerState").asText()).isEqualTo("place-order");
  }

  @Test
  void aServiceThatCallsNoOtherHasNothingToStub() {
    assertThatThrownBy(() -> WireMockExport.files(contracts, "shipping"))
        .isInstanceOf(ContractException.class)
        .hasMessage(
            "Service 'shipping' made no recorded HTTP call to another recorded service, so it has"
                + " no dependencies to stub. The services that do: orders.");
  }
}
