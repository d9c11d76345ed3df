package dev.checkpoint.server.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void writesDurationsWithThreeSignificantDigits() {
    assertThat(Format.duration(850)).isEqualTo("850 ns");
    assertThat(Format.duration(850_000)).isEqualTo("850 µs");
    assertThat(Format.duration(2_345_678)).isEqualTo("2.35 ms");
    assertThat(Format.duration(12_345_678)).isEqualTo("12.3 ms");
    assertThat(Format.duration(1_240_000_000)).isEqualTo("1.24 s");
  }

  @Test
  void showsCharactersThatDisguiseText() {
    assertThat(Format.visible("invoice\u202Efdp.exe")).isEqualTo("invoice\\u202Efdp.exe");
    assertThat(Format.visible("a\u200Bb\uFEFFc\u0007")).isEqualTo("a\\u200Bb\\uFEFFc\\u0007");
    assertThat(Format.visible("plain, ünïcödé\nand tabs\t"))
        .isEqualTo("plain, ünïcödé\nand tabs\t");
    assertThat(Format.json(new TextNode("x\u2066y"))).isEqualTo("\"x\\u2066y\"");
  }

  @Test
  void encodesRunIdsInLinks() {
    assertThat(Format.runPath("nightly 1/a")).isEqualTo("/ui/runs/nightly%201%2Fa");
  }
}
