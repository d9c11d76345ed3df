package dev.checkpoint.cli.internal.replay;

import java.util.List;
import java.util.Map;

/**
 * The recording a replay reads: its entries and how a service in {@code REPLAY} mode finds it.
 *
 * @param label what the replay run's {@code replays} label names: the recorded run id, or the asset
 *     file or folder
 * @param replaySettings the {@code CHECKPOINT_REPLAY_SOURCE} (and {@code CHECKPOINT_REPLAY_RUN})
 *     environment of a service started to replay it
 * @param entries the selected entry requests, in recorded order
 */
record Recording(String label, Map<String, String> replaySettings, List<ReplayEntry> entries) {

  /** Copies the collections. */
  Recording {
    replaySettings = Map.copyOf(replaySettings);
    entries = List.copyOf(entries);
  }
}
