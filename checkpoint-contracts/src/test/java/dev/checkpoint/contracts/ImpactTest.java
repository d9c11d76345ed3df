package dev.checkpoint.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImpactTest {
  private static final String OTHER_TRACE = "1af7651916cd43dd8448eb211c80319c";

  private static Contracts placed(String paymentId, String trace) {
    return Contracts.of(
        List.of(Recording.ofStep("place-order", ShopTrees.placeOrder(paymentId, trace))));
  }

  @Test
  void aPaymentIdOfAnotherFormNamesTheConsumersTheFieldAndTheCheckpointThatStoredIt() {
    Impact impact =
        Impact.of(
            placed(ShopTrees.PAYMENT_ID, ContractsTest.TRACE),
            placed("pay_" + ShopTrees.PAYMENT_ID, OTHER_TRACE));

    assertThat(impact.affected()).isTrue();
    assertThat(impact.consumers()).containsExactly("orders", "shipping");
    Impact.Finding http = impact.findings().get(0);
    assertThat(http.interaction().description()).isEqualTo("POST /payments (place-order)");
    assertThat(http.field()).isEqualTo("$.paymentId");
    assertThat(http.change().expected().asText()).isEqualTo(ShopTrees.PAYMENT_ID);
    assertThat(http.readers())
        .extracting(node -> node.key().toString())
        .containsExactly("orders/HTTP_SERVER/POST /orders#0 > orders/SQL/UPDATE orders#0");
    assertThat(impact.text())
        .contains(
            "orders -> payments: POST /payments (place-order), provider state 'place-order'",
            "  $.paymentId: \""
                + ShopTrees.PAYMENT_ID
                + "\" -> \"pay_"
                + ShopTrees.PAYMENT_ID
                + "\"",
            "    read by orders/HTTP_SERVER/POST /orders#0 > orders/SQL/UPDATE orders#0");
    assertThat(impact.markdown())
        .startsWith("**Affected consumers: orders, shipping**")
        .contains(
            "| orders | payments: POST /payments (place-order) | place-order | `$.paymentId` |");
  }

  @Test
  void newIdsOfTheSameFormAffectNoConsumer() {
    Impact impact =
        Impact.of(
            placed(ShopTrees.PAYMENT_ID, ContractsTest.TRACE),
            placed("00000000-0000-4000-8000-000000000000", OTHER_TRACE));

    assertThat(impact.affected()).isFalse();
    assertThat(impact.text())
        .isEqualTo(
            "No consumer is affected: every recorded interaction is answered as recorded.\n");
  }

  @Test
  void anInteractionTheNewRecordingDidNotExerciseIsListedApart() {
    Impact impact =
        Impact.of(
            placed(ShopTrees.PAYMENT_ID, ContractsTest.TRACE),
            Contracts.of(List.of(Recording.withoutSteps(ShopTrees.alone()))));

    assertThat(impact.affected()).isFalse();
    assertThat(impact.unexercised()).hasSize(2);
    assertThat(impact.text()).contains("Not exercised by the new recording, so not checked:");
  }
}
