package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssetLayoutTest {

  @Test
  void placesAStepUnderItsScenarioBelowTheDefaultRoot() {
    assertThat(AssetLayout.defaults().path("Checkout", "Pay by card"))
        .isEqualTo(Path.of("src/test/resources/checkpoints/checkout/pay-by-card.json"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Checkout: pay by card|checkout-pay-by-card",
        "../../etc/passwd|etc-passwd",
        "Bestellung für Müller|bestellung-fur-muller",
        "v1.2_final|v1.2_final",
        "CON|_con",
        "nul.txt|_nul.txt",
        "  --spaced--  |spaced"
      })
  void makesSafeFileNames(String name, String fileName) {
    assertThat(AssetLayout.fileName(name)).isEqualTo(fileName);
  }

  @Test
  void shortensLongNamesKeepingThemDistinct() {
    String first = AssetLayout.fileName("step ".repeat(30) + "one");
    String second = AssetLayout.fileName("step ".repeat(30) + "two");

    assertThat(first).hasSize(80).startsWith("step-step-").isNotEqualTo(second);
    assertThat(second).hasSize(80);
  }

  @Test
  void refusesNamesWithoutLettersOrDigits() {
    assertThatThrownBy(() -> AssetLayout.defaults().path("checkout", "../"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The step '../' has no letter or digit to make a file name from. Name it with words,"
                + " such as 'checkout' or 'pay by card'.");
  }

  @Test
  void listsTheAssetsUnderItsRoot(@TempDir Path root) throws IOException {
    AssetLayout layout = AssetLayout.at(root);
    Files.createDirectories(layout.path("b", "x").getParent());
    Files.writeString(layout.path("b", "x"), "{}");
    Files.createDirectories(layout.path("a", "y").getParent());
    Files.writeString(layout.path("a", "y"), "{}");
    Files.writeString(root.resolve("notes.txt"), "");

    assertThat(layout.assets()).containsExactly(layout.path("a", "y"), layout.path("b", "x"));
    assertThat(AssetLayout.at(root.resolve("missing")).assets()).isEmpty();
  }
}
