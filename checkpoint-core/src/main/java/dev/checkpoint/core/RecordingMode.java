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
  ON_DEMAND
}
