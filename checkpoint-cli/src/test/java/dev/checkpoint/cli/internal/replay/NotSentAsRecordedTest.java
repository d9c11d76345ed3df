package dev.checkpoint.cli.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.checkpoint.assets.CheckpointKey;
import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.TreeDiff;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A recorded body is sent again as captured: a redacted card number is sent as {@code [REDACTED]},
 * so the replayed request is shorter than the recorded one although the service did the same. The
 * demo's orders records exactly that ({@code ReplayLoadHarness} replays 1,000 of them).
 */
class NotSentAsRecordedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CheckpointNode order(String length, String product) throws IOException {
    return CheckpointNode.of(
        CheckpointKey.of(new CheckpointKey.Segment("orders", "HTTP_SERVER", "POST /orders", 0)),
        JSON.readTree(
            """
            {"service": "orders", "kind": "HTTP_SERVER", "name": "POST /orders",
             "input": {"method": "POST", "path": "/orders",
                       "headers": {"content-type": "application/json", "content-length": "%s"},
                       "body": {"productId": "%s", "cardNumber": "[REDACTED]"}},
             "output": {"status": 201}}
            """
                .formatted(length, product)),
        List.of());
  }

  private static TreeDiff compare(CheckpointNode recorded, CheckpointNode replayed) {
    NoiseRules rules = NoiseRules.defaults().and(Replayer.NOT_SENT_AS_RECORDED);
    return rules
        .diff()
        .compare(
            rules.normaliser().normalise(List.of(recorded)),
            rules.normaliser().normalise(List.of(replayed)));
  }

  @Test
  void theLengthOfABodySentAgainWithItsRedactedValuesIsNotADifference() throws IOException {
    assertThat(
            NoiseRules.defaults()
                .diff()
                .compare(List.of(order("67", "BOOK-1")), List.of(order("61", "BOOK-1")))
                .isEmpty())
        .as("without the rule the lengths differ")
        .isFalse();

    assertThat(compare(order("67", "BOOK-1"), order("61", "BOOK-1")).isEmpty()).isTrue();
  }

  @Test
  void aChangedBodyStillIs() throws IOException {
    TreeDiff diff = compare(order("67", "BOOK-1"), order("66", "MUG-2"));

    assertThat(diff.isEmpty()).isFalse();
    assertThat(diff.toString()).contains("/input/body/productId").doesNotContain("content-length");
  }
}
