package dev.checkpoint.cli.internal.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {
  private final Variables variables =
      new Variables(Map.of("shop", "http://127.0.0.1:8080", "price", "$1\\2"));

  @Test
  void substitutesInTextAndInsideJsonStrings() throws IOException {
    variables.put("id", "42");

    assertThat(variables.substitute("${shop}/orders/${id}"))
        .isEqualTo("http://127.0.0.1:8080/orders/42");
    assertThat(variables.substitute("costs ${price}")).isEqualTo("costs $1\\2");
    assertThat(
            variables
                .substitute(
                    ServerClient.JSON.readTree(
                        "{\"order\": \"${id}\", \"items\": [\"${id}-a\", 3], \"${id}\": true}"))
                .toString())
        .isEqualTo("{\"order\":\"42\",\"items\":[\"42-a\",3],\"42\":true}");
  }

  @Test
  void aVariableWithoutValueIsAnError() {
    assertThatThrownBy(() -> variables.substitute("${order_id}"))
        .isInstanceOf(RunFailure.class)
        .hasMessage("${order_id} has no value in this run.");
  }
}
