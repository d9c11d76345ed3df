package dev.checkpoint.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingKeyTest {

  @Test
  void aServerKeyIsTraceIdColonCheckpointId() {
    RecordingKey key =
        new RecordingKey.Recorded("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");

    assertThat(key.format()).isEqualTo("0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331");
    assertThat(RecordingKey.parse(key.format())).isEqualTo(key);
  }

  @Test
  void anAssetKeyIsPathHashStableKeyAndSplitsAtTheFirstHash() {
    CheckpointKey entry =
        CheckpointKey.of(new CheckpointKey.Segment("shop", "HTTP_SERVER", "POST /orders#x", 0));
    RecordingKey key = new RecordingKey.InAsset("shop/place-order.json", entry);

    assertThat(key.format()).isEqualTo("shop/place-order.json#shop/HTTP_SERVER/POST /orders#x#0");
    assertThat(RecordingKey.parse(key.format())).isEqualTo(key);
  }

  @Test
  void anAssetPathThatLooksLikeIdsIsStillAnAssetKey() {
    String text = "0af7651916cd43dd8448eb211c80319c:b7ad6b7169203331.json#s/METHOD/m#0";

    assertThat(RecordingKey.parse(text)).isInstanceOf(RecordingKey.InAsset.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0af7651916cd43dd8448eb211c80319c:B7AD6B7169203331",
        "00000000000000000000000000000000:b7ad6b7169203331",
        "#shop/METHOD/m#0",
        "no-hash.json"
      })
  void rejectsTextInNeitherForm(String text) {
    assertThatThrownBy(() -> RecordingKey.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'"
                + text
                + "' is not a recording key: it is neither <trace id>:<checkpoint id> (32 and 16"
                + " lowercase hex digits) nor <asset path>#<checkpoint key>, such as"
                + " 'shop/place-order.json#shop/HTTP_SERVER/POST /orders#0'.");
  }

  @Test
  void anAssetKeyWithABrokenCheckpointKeySaysWhatIsWrongWithIt() {
    assertThatThrownBy(() -> RecordingKey.parse("a.json#shop/METHOD/m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a checkpoint key: ");
  }

  @Test
  void anAssetPathMustBeRelativeWithoutHashOrBackslash() {
    CheckpointKey entry = CheckpointKey.of(new CheckpointKey.Segment("s", "METHOD", "m", 0));
    for (String path : new String[] {"/abs.json", "a#b.json", "a\\b.json"}) {
      assertThatThrownBy(() -> new RecordingKey.InAsset(path, entry))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("but was '" + path + "'. Rename the asset file.");
    }
  }

  @Test
  void idsAreChecked() {
    assertThatThrownBy(() -> new RecordingKey.Recorded("abc", "b7ad6b7169203331"))
        .hasMessageStartingWith("traceId must be a W3C trace id");
    assertThatThrownBy(() -> new RecordingKey.Recorded("0af7651916cd43dd8448eb211c80319c", "x"))
        .hasMessageStartingWith("checkpointId must be a W3C span id");
  }
}
