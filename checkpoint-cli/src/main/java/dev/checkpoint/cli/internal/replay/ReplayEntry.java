package dev.checkpoint.cli.internal.replay;

import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.NoiseRules;
import dev.checkpoint.assets.RecordingKey;

/**
 * One recorded entry request of the service under test: an {@code HTTP_SERVER} or {@code
 * MESSAGE_CONSUME} checkpoint of that service whose caller was not the service itself.
 *
 * @param key where the recording is, sent in {@code baggage} as {@code checkpoint.replay}
 * @param recorded the service's own part of the recorded call, keyed from the entry ({@link
 *     dev.checkpoint.assets.CheckpointTrees#serviceSubtree})
 * @param noise the noise rules the recording was compared with when it was recorded
 */
record ReplayEntry(RecordingKey key, CheckpointNode recorded, NoiseRules noise) {

  /** The entry checkpoint's name, such as {@code POST /orders}. */
  String name() {
    return recorded.name();
  }

  /** {@code HTTP_SERVER} or {@code MESSAGE_CONSUME}. */
  String kind() {
    return recorded.kind();
  }
}
