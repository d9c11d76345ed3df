package dev.checkpoint.instrumentation.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioEnvTest {

  @Test
  void everyServiceGetsTheVariablesInNameOrderAsJsonStrings() {
    String yaml =
        """
        services:
          - name: shipping
            env:
              PORT: "${shipping.port}"
          - name: orders
            env:
              PORT: "${orders.port}"
        """;

    assertThat(
            ScenarioEnv.addToEveryService(
                yaml, Map.of("DEMO_DATA_DIR", "/tmp/a \"b\"", "CHECKPOINT_DEMO_JAVA", "/jdk/java")))
        .isEqualTo(
            """
            services:
              - name: shipping
                env:
                  CHECKPOINT_DEMO_JAVA: "/jdk/java"
                  DEMO_DATA_DIR: "/tmp/a \\"b\\""
                  PORT: "${shipping.port}"
              - name: orders
                env:
                  CHECKPOINT_DEMO_JAVA: "/jdk/java"
                  DEMO_DATA_DIR: "/tmp/a \\"b\\""
                  PORT: "${orders.port}"
            """);
  }

  @Test
  void aScenarioWithoutAServiceEnvIsRefused() {
    assertThatThrownBy(() -> ScenarioEnv.addToEveryService("steps: []\n", Map.of("A", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no service with an env:");
  }
}
