package dev.checkpoint.instrumentation.redis.internal;

import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.replay.RecordedCall;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Function;

/** One recorded Redis command, open until its reply (or, in a transaction, EXEC's) arrives. */
public final class RedisCall {

  /** The attribute that marks a command sent between {@code MULTI} and {@code EXEC}. */
  static final String TRANSACTION = "redis.transaction";

  /** The command was queued in a transaction; its reply is its element of EXEC's reply. */
  static final String QUEUED = "queued";

  /** The command was queued in a transaction that {@code DISCARD} dropped. */
  static final String DISCARDED = "discarded";

  /** The command was queued in a transaction that a changed {@code WATCH}ed key aborted. */
  static final String ABORTED = "aborted";

  private final RecordingCheckpoint checkpoint;
  private final String name;
  private final boolean queued;
  private final boolean secret;
  private final int maxRows;

  RedisCall(
      RecordingCheckpoint checkpoint, String name, boolean queued, boolean secret, int maxRows) {
    this.checkpoint = checkpoint;
    this.name = name;
    this.queued = queued;
    this.secret = secret;
    this.maxRows = maxRows;
  }

  /** The command's name, upper case. */
  String name() {
    return name;
  }

  /** Whether the command was sent between {@code MULTI} and {@code EXEC}. */
  boolean isQueued() {
    return queued;
  }

  /**
   * Records the reply and ends the checkpoint.
   *
   * @param reply the reply as the client returned it
   * @param other converts values of the client's own types
   */
  public void succeeded(Object reply, Function<Object, Object> other) {
    try {
      boolean[] truncated = new boolean[1];
      Object value =
          RedisValues.reply(
              RedisCommands.repliesWithMap(name) ? RedisValues.pairs(reply) : reply,
              maxRows,
              other,
              truncated);
      if (secret && value != null && !(value instanceof Number) && !(value instanceof Boolean)) {
        value = Redaction.MARKER;
        checkpoint.markRedacted("output.reply");
      } else if (truncated[0]) {
        checkpoint.markTruncated("output.reply");
      }
      checkpoint.setOutput(Collections.singletonMap("reply", value));
    } catch (RuntimeException e) {
      RedisRecording.LOG.failed("Recording a Redis reply", e);
    } finally {
      checkpoint.close();
    }
  }

  /**
   * Records the error and ends the checkpoint.
   *
   * @param error what the client reported
   */
  public void failed(Throwable error) {
    checkpoint.setError(error);
    checkpoint.close();
  }

  /**
   * Ends the checkpoint of a command whose transaction did not run: {@code DISCARD}, or {@code
   * EXEC} aborted by a changed {@code WATCH}ed key.
   *
   * @param outcome {@code discarded} or {@code aborted}
   */
  public void notExecuted(String outcome) {
    checkpoint.setAttribute(TRANSACTION, outcome);
    checkpoint.setOutput(Collections.singletonMap("reply", null));
    checkpoint.close();
  }

  /**
   * The recorded answer to this command, when it is made while a recording is replayed (REPLAY
   * mode, or a JUnit replay): the command is not sent, and is ended by {@link #replayed}.
   *
   * @return the answer; empty when the command goes to Redis
   */
  public Optional<RecordedCall> replay() {
    return checkpoint.isReplaying() ? checkpoint.replay() : Optional.empty();
  }

  /**
   * Ends the checkpoint of a command answered from the recording, with the recorded reply.
   *
   * @param answer the recorded answer, matched
   * @param error the error the client gives the application, {@code null} when it got the reply
   */
  void replayed(RecordedCall answer, Throwable error) {
    if (error != null) {
      failed(error);
      return;
    }
    checkpoint.setOutput(answer.output());
    checkpoint.close();
  }

  /** Ends the checkpoint without a reply: the connection closed before it arrived. */
  public void unanswered() {
    checkpoint.close();
  }
}
