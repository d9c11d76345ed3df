package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Any file is either an asset that writes in the canonical format and reads back equal, writing the
 * same bytes again, or refused with an {@link AssetFormatException} naming the file. Anything else
 * escaping the reader, such as a NullPointerException, a ClassCastException or a
 * StackOverflowError, fails the target.
 *
 * <p>Without {@code JAZZER_FUZZ} the suite runs the committed inputs in {@code
 * AssetFormatFuzzTestInputs/read}; {@code scripts/fuzz.sh asset} fuzzes (docs/reliability.md).
 */
class AssetFormatFuzzTest {
  private static final String SOURCE = "fuzzed.json";

  /** The bytes are decoded as {@link AssetFormat#read(java.nio.file.Path)} decodes a file. */
  @FuzzTest
  void read(byte[] file) {
    Asset asset;
    try {
      asset = AssetFormat.read(new String(file, StandardCharsets.UTF_8), SOURCE);
    } catch (AssetFormatException e) {
      assertThat(e.source()).isEqualTo(SOURCE);
      assertThat(e.getMessage()).startsWith(SOURCE);
      return;
    }
    String written = AssetFormat.write(asset);
    Asset again = AssetFormat.read(written, SOURCE);
    assertThat(again).isEqualTo(asset);
    assertThat(AssetFormat.write(again)).isEqualTo(written);
  }
}
