package dev.checkpoint.instrumentation.messaging;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Consumer;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.messaging.internal.ChannelHandler;
import dev.checkpoint.instrumentation.messaging.internal.MessageRecording;
import dev.checkpoint.instrumentation.messaging.internal.RecordingConsumer;
import java.util.Objects;

/**
 * Records RabbitMQ messaging on a {@link Channel}: {@code basicPublish} as a {@code
 * MESSAGE_PUBLISH} checkpoint whose context travels in the message headers {@code traceparent} and
 * {@code baggage}; each delivery to a consumer registered with {@code basicConsume} (a {@link
 * Consumer} or a {@code DeliverCallback}), and each message fetched with {@code basicGet}, as a
 * {@code MESSAGE_CONSUME} checkpoint that joins the publisher's tree.
 *
 * <pre>{@code
 * Channel channel = CheckpointChannel.wrap(connection.createChannel(), recorder);
 * channel.basicPublish("", "order-paid", properties, body);
 * channel.basicConsume("order-paid", true, consumer);
 * }</pre>
 *
 * <p>Recorded input: destination (the exchange, or the queue for the default exchange), exchange,
 * routing key, queue (when consuming), properties, headers (without the propagation headers) and
 * body (JSON as JSON, text as a string, other bytes as {@code {"base64": ...}}).
 */
public final class CheckpointChannel {

  private CheckpointChannel() {}

  /**
   * Wraps a channel.
   *
   * @param channel the application's channel
   * @param recorder where checkpoints are recorded
   * @return a channel that records publishes and consumption and otherwise behaves as {@code
   *     channel}
   */
  public static Channel wrap(Channel channel, Instrumenter recorder) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(recorder, "recorder");
    return ChannelHandler.wrap(channel, new MessageRecording(recorder));
  }

  /**
   * Wraps a consumer on its own, for channels that are not wrapped, so each delivery is recorded as
   * a {@code MESSAGE_CONSUME} checkpoint in the publisher's tree.
   *
   * @param consumer the application's consumer
   * @param queue the queue it consumes from, used in the checkpoint name; may be {@code null}
   * @param recorder where checkpoints are recorded
   * @return the recording consumer
   */
  public static Consumer wrap(Consumer consumer, String queue, Instrumenter recorder) {
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(recorder, "recorder");
    return new RecordingConsumer(consumer, queue, new MessageRecording(recorder));
  }
}
