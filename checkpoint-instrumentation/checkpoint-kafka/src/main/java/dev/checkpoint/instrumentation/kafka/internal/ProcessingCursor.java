package dev.checkpoint.instrumentation.kafka.internal;

import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The record a consumer's application is processing: its {@code MESSAGE_CONSUME} checkpoint is
 * current from the moment the record is taken from the polled records until the next record is
 * taken, the records run out, or the consumer polls, commits or closes. One per consumer, used by
 * the thread that polls, as the consumer itself is.
 */
final class ProcessingCursor {

  private final KafkaRecording recording;
  private RecordingCheckpoint open;
  private Scope scope;
  private Thread thread;

  ProcessingCursor(KafkaRecording recording) {
    this.recording = recording;
  }

  /** Ends the record before and starts this one, current on this thread. */
  void begin(ConsumerRecord<?, ?> record) {
    end();
    RecordingCheckpoint checkpoint = recording.startConsume(record);
    if (checkpoint != null) {
      open = checkpoint;
      thread = Thread.currentThread();
      scope = checkpoint.context().makeCurrent();
    }
  }

  /** Ends the record being processed, if any. */
  void end() {
    RecordingCheckpoint checkpoint = open;
    if (checkpoint == null) {
      return;
    }
    open = null;
    // A scope restores its own thread's context only; another thread's is left to that thread.
    if (thread == Thread.currentThread()) {
      scope.close();
    }
    scope = null;
    thread = null;
    checkpoint.close();
  }
}
