package dev.checkpoint.spi;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;

/**
 * The implementation behind {@link dev.checkpoint.Checkpoints}. {@code checkpoint-core} provides
 * one; without it every checkpoint is a no-op.
 *
 * <p>Implementations never throw from these methods.
 */
public interface Recorder {

  /**
   * Whether any checkpoint could be recorded now. A cheap check (one volatile read) that callers
   * use to skip all capture work while recording is off.
   *
   * @return {@code false} while the recording mode is {@code OFF}
   */
  boolean isEnabled();

  /**
   * Starts a checkpoint as a child of the current one and makes it current on this thread until it
   * is closed.
   *
   * @param kind what sort of call this is
   * @param name the checkpoint name
   * @param input the input, captured immediately; may be {@code null}
   * @return the started checkpoint, or a no-op one when this work is not recorded
   */
  ActiveCheckpoint start(Kind kind, String name, Object input);

  /**
   * The checkpoint current on this thread.
   *
   * @return the current checkpoint, or a no-op one when there is none
   */
  ActiveCheckpoint current();
}
