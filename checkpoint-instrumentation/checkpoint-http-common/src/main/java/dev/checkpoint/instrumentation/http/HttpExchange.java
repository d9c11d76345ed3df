package dev.checkpoint.instrumentation.http;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.replay.RecordedCall;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP call being recorded, server or client side: the checkpoint, and the request and response
 * as far as they are known. The request is recorded as the input and the response as the output
 * when the call ends, because bodies are only complete once they have streamed past.
 *
 * <p>Methods never throw: a failure here is logged once and the call ends unrecorded or partly
 * recorded. {@link #end()} is idempotent and may run on any thread.
 */
public final class HttpExchange {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(HttpExchange.class.getName());

  private final RecordingCheckpoint checkpoint;
  private final PayloadCapture capture;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Message request;
  private volatile Message response;

  private HttpExchange(RecordingCheckpoint checkpoint, PayloadCapture capture) {
    this.checkpoint = checkpoint;
    this.capture = capture;
  }

  /**
   * Starts recording a call, unless the recording mode says this call is not recorded.
   *
   * @param recorder the recorder
   * @param kind {@link Kind#HTTP_SERVER} or {@link Kind#HTTP_CLIENT}
   * @param name the checkpoint name
   * @param parent the parent context, or {@code null} for a new tree
   * @return the exchange, or {@code null} when the call is not recorded
   */
  public static HttpExchange start(Instrumenter recorder, Kind kind, String name, Context parent) {
    RecordingCheckpoint checkpoint = recorder.startDetached(kind, name, null, parent);
    return checkpoint.isRecording() ? new HttpExchange(checkpoint, recorder.capture()) : null;
  }

  /**
   * The context of this call's checkpoint: made current for the server's work, or written into a
   * client's outbound headers.
   *
   * @return the context
   */
  public Context context() {
    return checkpoint.context();
  }

  /**
   * A buffer for one of this call's bodies, sized to the payload limit.
   *
   * @return an empty buffer
   */
  public BodyBuffer newBody() {
    return new BodyBuffer(capture.maxBytes());
  }

  /**
   * Renames the checkpoint, for a name learnt during the call such as a route template.
   *
   * @param name the new name
   */
  public void rename(String name) {
    checkpoint.setName(name);
  }

  /**
   * Attaches an attribute to the checkpoint.
   *
   * @param key the attribute name, such as {@code http.route}
   * @param value the value
   */
  public void attribute(String key, Object value) {
    checkpoint.setAttribute(key, value);
  }

  /**
   * Sets what is known of the request; its body is read from {@code body} when the call ends.
   *
   * @param head the fields besides the body, in the order they are recorded
   * @param contentType the request's content type, may be {@code null}
   * @param body the request body as it streamed past, or {@code null} when there is none
   */
  public void request(Map<String, Object> head, String contentType, BodyBuffer body) {
    request = new Message(head, contentType, body, null, 0);
  }

  /**
   * Sets the request's form fields as the framework parsed them, recorded as its body when no byte
   * of the body streamed past the instrumentation (the container read it itself). Call after {@link
   * #request}.
   *
   * @param form the fields
   * @param bodySize the body's size in bytes, such as its {@code Content-Length}; {@code -1} when
   *     unknown
   */
  public void requestForm(FormFields form, long bodySize) {
    Message known = request;
    if (known != null) {
      request = new Message(known.head(), known.contentType(), known.body(), form, bodySize);
    }
  }

  /**
   * Sets what is known of the response; its body is read from {@code body} when the call ends.
   *
   * @param head the fields besides the body, in the order they are recorded
   * @param contentType the response's content type, may be {@code null}
   * @param body the response body as it streamed past, or {@code null} when there is none
   */
  public void response(Map<String, Object> head, String contentType, BodyBuffer body) {
    response = new Message(head, contentType, body, null, 0);
  }

  /**
   * Records the call's failure.
   *
   * @param error what the call threw, unchanged
   */
  public void fail(Throwable error) {
    checkpoint.setError(error);
  }

  /**
   * Whether this call is answered from a recording (REPLAY mode, serving a replayed entry request).
   *
   * @return {@code true} when {@link #replay()} may answer
   */
  public boolean isReplaying() {
    return checkpoint.isReplaying();
  }

  /**
   * The recorded answer to this call, matched on the request as {@link #request} set it, with the
   * body that has streamed into its buffer (a client in replay writes the whole body there first).
   *
   * @return the recorded call, or an unmatched one to fail with; empty when the call is to reach
   *     the real server
   */
  public Optional<RecordedCall> replay() {
    Message known = request;
    if (known == null || !checkpoint.isReplaying()) {
      return Optional.empty();
    }
    return checkpoint.replay(shape(known).value());
  }

  /**
   * The recorded response a client in replay gives the application instead of calling the server,
   * for every client alike: a recorded failure is thrown again, and a call no recorded call matches
   * fails saying why; either ends the call.
   *
   * @return the recorded response; empty when the call is not answered from a recording
   * @throws IOException the recorded failure of the call, or why no recorded call matches it
   */
  public Optional<RecordedResponse> replayedResponse() throws IOException {
    Optional<RecordedCall> answer = replay();
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    RecordedCall recorded = answer.get();
    if (!recorded.isMatched()) {
      end();
      throw new IOException(recorded.failure());
    }
    if (recorded.error().isPresent()) {
      IOException error = RecordedResponse.error(recorded);
      fail(error);
      end();
      throw error;
    }
    return Optional.of(RecordedResponse.of(recorded));
  }

  /** Records the request and response and ends the checkpoint; later calls do nothing. */
  public void end() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      record(request, "input");
      record(response, "output");
    } catch (RuntimeException e) {
      LOG.failed("Recording an HTTP exchange", e);
    } finally {
      checkpoint.close();
    }
  }

  private void record(Message message, String path) {
    if (message == null) {
      return;
    }
    HttpBodies.Shaped shaped = shape(message);
    if (path.equals("input")) {
      checkpoint.setInput(shaped.value());
    } else {
      checkpoint.setOutput(shaped.value());
    }
    if (shaped.truncated()) {
      checkpoint.markTruncated(path + ".body");
    }
  }

  /** The message as recorded: its head and its body shaped; truncated when the body was. */
  private HttpBodies.Shaped shape(Message message) {
    Map<String, Object> value = new LinkedHashMap<>(message.head());
    boolean truncated = false;
    if (message.body() == null) {
      value.put("body", null);
    } else {
      boolean form = message.form() != null && message.body().total() == 0;
      int budget =
          HttpBodies.budget(
              capture.maxBytes(), message.head(), form ? Long.MAX_VALUE : message.body().total());
      HttpBodies.Shaped body =
          form
              ? HttpBodies.shape(message.form(), message.formSize(), budget, capture.redaction())
              : HttpBodies.shape(
                  message.contentType(), message.body(), budget, capture.redaction());
      value.put("body", body.value());
      truncated = body.truncated();
    }
    return new HttpBodies.Shaped(value, truncated);
  }

  private record Message(
      Map<String, Object> head,
      String contentType,
      BodyBuffer body,
      FormFields form,
      long formSize) {}
}
