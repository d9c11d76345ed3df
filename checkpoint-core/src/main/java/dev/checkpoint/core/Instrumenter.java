package dev.checkpoint.core;

import dev.checkpoint.Kind;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.spi.Recorder;

/**
 * What instrumentation needs of the recorder: what the API's {@link Recorder} offers (whether
 * anything is recorded now, starting a checkpoint current on this thread), starting one under an
 * explicit parent for calls that end elsewhere, and payload capture with its limits and redaction.
 * Context and W3C propagation are {@link Context} and {@link
 * dev.checkpoint.core.propagation.W3cPropagation}.
 *
 * <p>Every instrumentation (the servlet filter, the HTTP clients, JDBC, messaging, the Spring
 * aspect) depends on this and never on {@link dev.checkpoint.core.CheckpointRecorder}, so that how
 * a recorder is configured, exports and is controlled can change without touching it, and a Java
 * agent can hand the same instrumentation its own recorder. A replay mode will extend what a
 * started checkpoint offers (the recorded answer of the call), not this interface.
 *
 * <p>Implementations never throw from these methods.
 */
public interface Instrumenter extends Recorder {

  /**
   * Starts a checkpoint under an explicit parent without making it current on this thread. For
   * calls that end on another thread (async servlets, async HTTP clients): the instrumentation
   * makes {@link RecordingCheckpoint#context()} current itself where children should attach, and
   * may close the checkpoint on any thread.
   *
   * @param kind what sort of call this is
   * @param name the checkpoint name
   * @param input the input, captured now; may be {@code null}
   * @param parent the parent context, or {@code null} to start a new tree
   * @return the started checkpoint; never {@code null}: when this call is not recorded, one whose
   *     {@link RecordingCheckpoint#isRecording()} is {@code false} and that ignores every call
   */
  RecordingCheckpoint startDetached(Kind kind, String name, Object input, Context parent);

  /**
   * The capture for payloads that instrumentation captures itself, such as streamed bodies.
   *
   * @return the capture, with the payload limit and redaction rules
   */
  PayloadCapture capture();

  /**
   * SQL result rows captured per statement.
   *
   * @return the row limit, positive
   */
  int maxRows();
}
