package dev.checkpoint.assets;

/**
 * The labels {@code checkpoint replay} stores a replay run with, and by which the server knows the
 * run it replays: one place for the writer (the CLI) and the reader (the web UI).
 */
public final class ReplayRunLabels {
  /** The label naming what a replay run replays: the recorded run id, or the asset path. */
  public static final String REPLAYS = "replays";

  /** The label naming the service under test of a replay run. */
  public static final String SERVICE = "replay.service";

  private ReplayRunLabels() {}
}
