package dev.checkpoint.core;

/** Which work a process records. */
public enum RecordingMode {
  /** Record nothing; a disabled checkpoint costs one volatile read. The default. */
  OFF,
  /** Record everything. */
  ON,
  /**
   * Record only work that carries a run id in W3C {@code baggage} ({@code checkpoint.run=<id>}), so
   * a scenario records its own requests in a shared environment.
   */
  ON_DEMAND,
  /**
   * Record as {@link #ON}, and answer the calls of each entry request that names a recording in its
   * {@code baggage} ({@code checkpoint.replay=<key>}) from that recording: outbound HTTP, SQL,
   * message publishes, methods marked as a dependency, time and random ids.
   */
  REPLAY
}
