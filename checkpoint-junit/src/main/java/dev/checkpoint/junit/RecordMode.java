package dev.checkpoint.junit;

/**
 * When a {@link CheckpointReplay} test records its asset instead of replaying it, as in VCR.
 *
 * <p>The mode in effect is, in order: {@link #NONE} when the environment variable {@code CI} is
 * {@code true} (or the configuration parameter {@code checkpoint.ci} is); {@link #ALL} when the
 * configuration parameter or system property {@code checkpoint.update} is {@code true}; the
 * configuration parameter {@code checkpoint.record} ({@code none}, {@code once}, {@code all}) when
 * set; else {@link CheckpointReplay#mode()}.
 */
public enum RecordMode {
  /** Replay only; a missing asset fails the test. Forced when {@code CI=true}. */
  NONE,
  /** Record when the asset is missing, replay it when it exists. The default. */
  ONCE,
  /** Record every time and rewrite the asset, reporting what changed (update mode). */
  ALL
}
