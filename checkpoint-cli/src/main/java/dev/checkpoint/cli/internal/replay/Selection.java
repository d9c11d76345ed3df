package dev.checkpoint.cli.internal.replay;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Which recorded entry requests to replay: from which recording (a run on the server, given by id,
 * or the newest of a scenario or with a label; or asset files), and which of its entries.
 *
 * @param run the recorded run's id, or {@code null}
 * @param latest with no run: take the newest recorded run of this scenario, or {@code null}
 * @param label with no run: take the newest recorded run with this {@code key:value} label, or
 *     {@code null}
 * @param assets an asset file or folder instead of a run, or {@code null}
 * @param entryNames the entry names to replay; all when empty
 * @param from only entries recorded at or after this, or {@code null}
 * @param to only entries recorded before this, or {@code null}
 * @param limit at most this many entries, in recorded order
 */
public record Selection(
    String run,
    String latest,
    String label,
    Path assets,
    List<String> entryNames,
    Instant from,
    Instant to,
    int limit) {

  /** Copies the names. */
  public Selection {
    entryNames = List.copyOf(entryNames);
  }
}
