package dev.checkpoint.core.internal;

import dev.checkpoint.core.model.CheckpointData;
import java.util.List;

/** Where the export worker writes batches: the checkpoint server, or a JSONL file. */
public interface BatchSink extends AutoCloseable {

  /**
   * Writes one batch. Never throws: failures are reported in the result.
   *
   * @param batch the checkpoints
   * @return whether the batch was taken, may be retried, or was refused for good
   */
  SinkResult write(List<CheckpointData> batch);

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}

  /**
   * The outcome of one attempt.
   *
   * @param outcome what happened
   * @param retryAfterMillis the destination's requested wait before the next attempt, or 0
   * @param detail why it failed, for the log
   */
  record SinkResult(Outcome outcome, long retryAfterMillis, String detail) {

    /** The batch was taken. */
    public static final SinkResult OK = new SinkResult(Outcome.OK, 0, "");

    /**
     * A failure worth retrying.
     *
     * @param retryAfterMillis wait the destination asked for, or 0
     * @param detail why
     * @return the result
     */
    public static SinkResult retry(long retryAfterMillis, String detail) {
      return new SinkResult(Outcome.RETRY, retryAfterMillis, detail);
    }

    /**
     * A failure that retrying cannot fix.
     *
     * @param detail why
     * @return the result
     */
    public static SinkResult rejected(String detail) {
      return new SinkResult(Outcome.REJECTED, 0, detail);
    }
  }

  /** What happened to one attempt. */
  enum Outcome {
    /** Taken. */
    OK,
    /** Failed; may work later. */
    RETRY,
    /** Refused; will not work later. */
    REJECTED
  }
}
