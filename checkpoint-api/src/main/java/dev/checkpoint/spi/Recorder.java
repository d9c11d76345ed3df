package dev.checkpoint.spi;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

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

  /**
   * Sees a time value the application read, and gives the one it uses. A recorder that records
   * keeps the value with the tree the application is working in, and in replay gives back the value
   * recorded at the same place. {@link dev.checkpoint.CheckpointClock} calls this; so will the Java
   * agent, around {@code Instant.now()}, {@code System.currentTimeMillis()} and the like, so that
   * values read with and without the agent are kept and given back alike.
   *
   * @param observed the time the system clock gave
   * @return the time the application uses; {@code observed} unless a recording says otherwise
   */
  default Instant instant(Instant observed) {
    return observed;
  }

  /**
   * Sees a random id the application generated, and gives the one it uses; as {@link
   * #instant(Instant)} for time. {@link dev.checkpoint.CheckpointIds} calls this; so will the Java
   * agent, around {@code UUID.randomUUID()}.
   *
   * @param generated the id the JDK generated
   * @return the id the application uses; {@code generated} unless a recording says otherwise
   */
  default UUID uuid(UUID generated) {
    return generated;
  }

  /**
   * The recorded outcome of a call to a method marked as a dependency ({@link
   * dev.checkpoint.Checkpoint#dependency()}), when the call is made while a recording is replayed.
   *
   * @param checkpoint the call's checkpoint, started with its input
   * @param returnType the method's generic return type, to read the recorded value as
   * @return the outcome to give the caller instead of running the method; empty to run it
   */
  default Optional<ReplayedOutcome> replay(ActiveCheckpoint checkpoint, Type returnType) {
    return Optional.empty();
  }
}
