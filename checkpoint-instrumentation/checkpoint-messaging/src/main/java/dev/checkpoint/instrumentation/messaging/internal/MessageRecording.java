package dev.checkpoint.instrumentation.messaging.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.instrumentation.ConsumedBatch;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import dev.checkpoint.core.instrumentation.MessageBodies;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.TraceParent;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.core.replay.RecordedCall;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records publishes and deliveries as {@code MESSAGE_PUBLISH} and {@code MESSAGE_CONSUME}
 * checkpoints and carries the tree in the message headers {@code traceparent} and {@code baggage},
 * so that the consumer's work joins the publisher's tree.
 */
public final class MessageRecording {

  /** One log for the whole RabbitMQ instrumentation. */
  private static final InstrumentationLog LOG =
      new InstrumentationLog("dev.checkpoint.instrumentation.messaging");

  private final Instrumenter recorder;

  /**
   * Creates the recording.
   *
   * @param recorder where checkpoints are recorded
   */
  public MessageRecording(Instrumenter recorder) {
    this.recorder = recorder;
  }

  /**
   * Whether messages are recorded now: while not, a publish goes to the channel as the application
   * made it, without building the recording's arguments.
   *
   * @return {@code false} while the recorder's mode is {@code OFF}
   */
  public boolean isEnabled() {
    return recorder.isEnabled();
  }

  /** Sends a message with the given properties. */
  @FunctionalInterface
  public interface Send {
    /**
     * Sends.
     *
     * @param properties the properties to send, carrying the propagation headers
     * @return what the client returned
     * @throws Throwable what the client threw
     */
    Object send(AMQP.BasicProperties properties) throws Throwable;
  }

  /**
   * Records a publish and sends it with properties that carry the context.
   *
   * @param exchange the exchange
   * @param routingKey the routing key
   * @param properties the application's properties, may be {@code null}
   * @param body the body
   * @param send sends the message
   * @return what {@code send} returned
   * @throws Throwable what {@code send} threw, unchanged
   */
  public Object publish(
      String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body, Send send)
      throws Throwable {
    RecordingCheckpoint checkpoint =
        recorder.isEnabled() ? startPublish(exchange, routingKey, properties, body) : null;
    AMQP.BasicProperties sent = properties;
    if (checkpoint != null) {
      try {
        sent = withContext(properties, checkpoint.context());
      } catch (RuntimeException e) {
        LOG.failed("Adding the tree to RabbitMQ message headers", e);
      }
    }
    if (checkpoint == null) {
      return send.send(sent);
    }
    if (checkpoint.isReplaying()) {
      // Captured and compared with the recorded publish, not sent.
      Optional<RecordedCall> answer = checkpoint.replay();
      if (answer.isPresent()) {
        try {
          if (!answer.get().isMatched()) {
            throw new IOException(answer.get().failure());
          }
          return null;
        } finally {
          checkpoint.close();
        }
      }
    }
    try {
      return send.send(sent);
    } catch (Throwable error) {
      checkpoint.setError(error);
      throw error;
    } finally {
      checkpoint.close();
    }
  }

  /**
   * Records a delivery around the application's handler, which runs in the checkpoint's context.
   *
   * @param queue the queue consumed from, {@code null} when unknown
   * @param envelope the delivery's envelope
   * @param properties the message properties
   * @param body the body
   * @param handler the application's handling
   * @param <E> what the handler may throw
   * @throws E what the handler threw, unchanged
   */
  public <E extends Throwable> void consume(
      String queue,
      Envelope envelope,
      AMQP.BasicProperties properties,
      byte[] body,
      RabbitMqRecording.Handler<E> handler)
      throws E {
    RecordingCheckpoint checkpoint =
        recorder.isEnabled() ? startConsume(queue, envelope, properties, body) : null;
    if (checkpoint == null) {
      handler.handle();
      return;
    }
    try (Scope ignored = checkpoint.context().makeCurrent()) {
      handler.handle();
    } catch (Throwable error) {
      checkpoint.setError(error);
      throw error;
    } finally {
      checkpoint.close();
    }
  }

  /**
   * Records the deliveries handed to one call of a batch listener around it: see {@link
   * ConsumedBatch}.
   *
   * @param queue the queue consumed from, {@code null} when unknown
   * @param deliveries the deliveries, in order
   * @param handler the listener's call
   * @param <E> what the handler may throw
   * @throws E what the handler threw, unchanged
   */
  public <E extends Throwable> void consumeBatch(
      String queue, List<Delivery> deliveries, RabbitMqRecording.Handler<E> handler) throws E {
    String destination =
        queue != null || deliveries.isEmpty()
            ? queue
            : MessageShapes.destination(
                deliveries.get(0).getEnvelope().getExchange(),
                deliveries.get(0).getEnvelope().getRoutingKey());
    ConsumedBatch.process(
        recorder,
        destination,
        deliveries,
        delivery -> extract(delivery.getProperties()),
        (delivery, batch) ->
            startConsume(
                queue, delivery.getEnvelope(), delivery.getProperties(), delivery.getBody(), batch),
        handler::handle);
  }

  /**
   * Records a message fetched with {@code basicGet}. The checkpoint covers the fetch only: the
   * application's handling happens after the call returns, outside the wrapper's sight.
   *
   * @param queue the queue
   * @param response the fetched message, {@code null} when the queue was empty
   */
  public void received(String queue, GetResponse response) {
    if (response != null && recorder.isEnabled()) {
      RecordingCheckpoint checkpoint =
          startConsume(queue, response.getEnvelope(), response.getProps(), response.getBody());
      if (checkpoint != null) {
        checkpoint.close();
      }
    }
  }

  private RecordingCheckpoint startPublish(
      String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
    try {
      return start(
          Kind.MESSAGE_PUBLISH,
          "PUBLISH " + MessageShapes.destination(exchange, routingKey),
          exchange,
          routingKey,
          null,
          properties,
          body,
          Context.current());
    } catch (RuntimeException e) {
      LOG.failed("Recording a RabbitMQ publish", e);
      return null;
    }
  }

  private RecordingCheckpoint startConsume(
      String queue, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    return startConsume(
        queue, envelope, properties, body, extract(properties).orElse(Context.current()));
  }

  private RecordingCheckpoint startConsume(
      String queue,
      Envelope envelope,
      AMQP.BasicProperties properties,
      byte[] body,
      Context parent) {
    try {
      String exchange = envelope == null ? "" : envelope.getExchange();
      String routingKey = envelope == null ? "" : envelope.getRoutingKey();
      String name = queue != null ? queue : MessageShapes.destination(exchange, routingKey);
      return start(
          Kind.MESSAGE_CONSUME,
          "CONSUME " + name,
          exchange,
          routingKey,
          queue,
          properties,
          body,
          parent);
    } catch (RuntimeException e) {
      LOG.failed("Recording a RabbitMQ delivery", e);
      return null;
    }
  }

  private RecordingCheckpoint start(
      Kind kind,
      String name,
      String exchange,
      String routingKey,
      String queue,
      AMQP.BasicProperties properties,
      byte[] body,
      Context parent) {
    int maxBytes = recorder.capture().maxBytes();
    Map<String, Object> input =
        MessageShapes.input(exchange, routingKey, queue, properties, body, maxBytes);
    RecordingCheckpoint checkpoint = recorder.startDetached(kind, name, input, parent);
    if (!checkpoint.isRecording()) {
      return null;
    }
    if (MessageBodies.isOverLimit(body, maxBytes)) {
      checkpoint.markTruncated("input.body");
    }
    return checkpoint;
  }

  private static Optional<Context> extract(AMQP.BasicProperties properties) {
    Map<String, Object> headers = properties == null ? null : properties.getHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    return W3cPropagation.extract(
        text(headers.get(TraceParent.HEADER)), text(headers.get(Baggage.HEADER)));
  }

  private static AMQP.BasicProperties withContext(
      AMQP.BasicProperties properties, Context context) {
    Map<String, Object> existing = properties == null ? null : properties.getHeaders();
    Map<String, Object> headers =
        existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
    W3cPropagation.inject(context, text(headers.get(Baggage.HEADER)), headers::put);
    AMQP.BasicProperties.Builder builder =
        properties == null ? new AMQP.BasicProperties.Builder() : properties.builder();
    return builder.headers(headers).build();
  }

  private static String text(Object headerValue) {
    return headerValue == null ? null : headerValue.toString();
  }
}
