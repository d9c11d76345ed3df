package dev.checkpoint.instrumentation.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.observation.ObservationCollector;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.messaging.internal.MessageRecording;
import dev.checkpoint.instrumentation.messaging.internal.RecordingConsumer;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The RabbitMQ recording for code that sees messages without owning the channel: an observation
 * collector for {@code ConnectionFactory.setObservationCollector}, which records every publish,
 * {@code basicGet} and consumer of the connections the factory opens (channels need no wrapping),
 * and {@link #consume} for a framework that hands each delivery to the application itself (Spring
 * AMQP's listener containers). Publishes and deliveries are recorded as {@link CheckpointChannel}
 * records them, with the same input, propagation headers and redaction.
 *
 * <pre>{@code
 * RabbitMqRecording recording = RabbitMqRecording.create(recorder);
 * connectionFactory.setObservationCollector(recording.observationCollector());
 * }</pre>
 */
public final class RabbitMqRecording {

  private final Instrumenter recorder;
  private final MessageRecording recording;

  private RabbitMqRecording(Instrumenter recorder) {
    this.recorder = recorder;
    this.recording = new MessageRecording(recorder);
  }

  /**
   * Creates the recording.
   *
   * @param recorder where checkpoints are recorded
   * @return the recording
   */
  public static RabbitMqRecording create(Instrumenter recorder) {
    Objects.requireNonNull(recorder, "recorder");
    return new RabbitMqRecording(recorder);
  }

  /**
   * Handles a delivery.
   *
   * @param <E> what the handler may throw
   */
  @FunctionalInterface
  public interface Handler<E extends Throwable> {
    /**
     * Handles.
     *
     * @throws E what the application's handler threw
     */
    void handle() throws E;
  }

  /**
   * Whether anything would be recorded now: when not, call the application directly and allocate
   * nothing for the recording.
   *
   * @return {@code true} when recording is on
   */
  public boolean isEnabled() {
    return recorder.isEnabled();
  }

  /**
   * Records a delivery as a {@code MESSAGE_CONSUME} checkpoint around the application's handler,
   * which runs in the checkpoint's context, in the publisher's tree when the message carries one.
   *
   * @param queue the queue consumed from, {@code null} when unknown
   * @param envelope the delivery's envelope
   * @param properties the message properties, with the headers as received
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
      Handler<E> handler)
      throws E {
    recording.consume(queue, envelope, properties, body, handler);
  }

  /**
   * Records the deliveries handed to one call of a batch listener as a {@code MESSAGE_CONSUME}
   * checkpoint named {@code CONSUME BATCH <queue>}, current while the listener runs, with one
   * {@code MESSAGE_CONSUME} checkpoint per message under it (each with the message's input, and its
   * publisher's {@code traceparent} as the {@code publisher} attribute when the batch could not
   * join that tree: the batch joins the publisher's tree only when all messages carry the same
   * one). The handler's exception is the error of the batch and of each message.
   *
   * @param queue the queue consumed from, {@code null} when unknown
   * @param deliveries the deliveries as the RabbitMQ client delivered them (properties with the
   *     received headers), in order
   * @param handler the listener's call
   * @param <E> what the handler may throw
   * @throws E what the handler threw, unchanged
   */
  public <E extends Throwable> void consumeBatch(
      String queue, List<Delivery> deliveries, Handler<E> handler) throws E {
    recording.consumeBatch(queue, deliveries, handler);
  }

  /**
   * An observation collector that records what the factory's connections publish, fetch and deliver
   * to consumers.
   *
   * @return the collector
   */
  public ObservationCollector observationCollector() {
    return observationCollector(consumer -> true);
  }

  /**
   * An observation collector that records what the factory's connections publish and fetch, and the
   * deliveries to the consumers {@code recordConsumer} accepts; the others are left to whatever
   * records their handling (a listener container's advice), so a delivery is recorded once.
   *
   * @param recordConsumer whether to record the deliveries to a consumer
   * @return the collector
   */
  public ObservationCollector observationCollector(Predicate<Consumer> recordConsumer) {
    Objects.requireNonNull(recordConsumer, "recordConsumer");
    return new Collector(recordConsumer);
  }

  private final class Collector implements ObservationCollector {

    private final Predicate<Consumer> recordConsumer;

    Collector(Predicate<Consumer> recordConsumer) {
      this.recordConsumer = recordConsumer;
    }

    @Override
    public void publish(
        PublishCall call,
        AMQP.Basic.Publish publish,
        AMQP.BasicProperties properties,
        byte[] body,
        ConnectionInfo connectionInfo)
        throws IOException {
      if (!recorder.isEnabled()) {
        call.publish(properties);
        return;
      }
      try {
        recording.publish(
            publish.getExchange(),
            publish.getRoutingKey(),
            properties,
            body,
            sent -> {
              call.publish(sent);
              return null;
            });
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        // PublishCall throws nothing else; kept checked for the compiler only.
        throw new IOException(e);
      }
    }

    @Override
    public Consumer basicConsume(String queue, String consumerTag, Consumer consumer) {
      if (consumer instanceof RecordingConsumer || !recordConsumer.test(consumer)) {
        return consumer;
      }
      return new RecordingConsumer(consumer, queue, recording);
    }

    @Override
    public GetResponse basicGet(BasicGetCall call, String queue) {
      GetResponse response = call.get();
      recording.received(queue, response);
      return response;
    }
  }
}
