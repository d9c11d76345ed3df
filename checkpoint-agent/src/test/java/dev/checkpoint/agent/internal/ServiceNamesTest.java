package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceNamesTest {

  @Test
  void aJarIsNamedWithoutItsExtension() {
    assertThat(ServiceNames.fromCommand("/opt/shop/orders-service.jar --port 8080"))
        .isEqualTo("orders-service");
  }

  @Test
  void aMainClassIsNamedByItsSimpleName() {
    assertThat(ServiceNames.fromCommand("com.example.OrdersMain --port 8080"))
        .isEqualTo("OrdersMain");
    assertThat(ServiceNames.fromCommand("shop.orders/com.example.OrdersMain"))
        .isEqualTo("OrdersMain");
  }

  @Test
  void anUnknownCommandStillGivesAName() {
    assertThat(ServiceNames.fromCommand(null)).isEqualTo(ServiceNames.FALLBACK);
    assertThat(ServiceNames.fromCommand("  ")).isEqualTo(ServiceNames.FALLBACK);
  }
}
