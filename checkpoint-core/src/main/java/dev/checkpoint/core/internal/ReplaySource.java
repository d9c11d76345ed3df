package dev.checkpoint.core.internal;

import dev.checkpoint.assets.CheckpointNode;
import dev.checkpoint.assets.Normaliser;
import java.net.URI;
import java.nio.file.Path;

/**
 * Where replay reads the recorded entry checkpoints from: a checkpoint server's run, or asset
 * files. An entry request names its recording with the {@code checkpoint.replay} baggage member,
 * whose form the source defines.
 */
public interface ReplaySource {

  /**
   * A recorded entry checkpoint, with its tree under it.
   *
   * @param node the entry checkpoint
   * @param normaliser marks the noise of actual calls matched against its recorded calls
   * @param description where it came from, for messages
   */
  record RecordedEntry(CheckpointNode node, Normaliser normaliser, String description) {}

  /** Why a recording could not be read: its message says what to fix. */
  final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;

    LoadException(String message) {
      super(message);
    }

    LoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Reads the recorded entry a {@code checkpoint.replay} key names.
   *
   * @param key the key from the entry request's baggage
   * @return the entry
   * @throws LoadException when the key is malformed or names nothing in this source
   */
  RecordedEntry entry(String key) throws LoadException;

  /**
   * The source as configured, for messages.
   *
   * @return such as {@code http://127.0.0.1:7070 run nightly-3}
   */
  String description();

  /**
   * The source a setting names: a checkpoint server's base URL (with a run id), or an asset file or
   * folder.
   *
   * @param source {@code CHECKPOINT_REPLAY_SOURCE}
   * @param run {@code CHECKPOINT_REPLAY_RUN}, required for a server
   * @param token the bearer token for the server, or {@code null}
   * @return the source
   */
  static ReplaySource of(String source, String run, String token) {
    if (source.startsWith("http://") || source.startsWith("https://")) {
      return new ServerReplaySource(URI.create(source), run, token);
    }
    return new AssetReplaySource(Path.of(source));
  }
}
