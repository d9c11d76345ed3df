package dev.checkpoint.instrumentation.spring.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.ListenerContainerAware;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * A listener container's listener that records each message it is given as a {@code
 * MESSAGE_CONSUME} checkpoint around the application's listener, on the listener's thread, in the
 * publisher's tree. The message goes to {@code checkpoint-messaging} as the RabbitMQ client
 * delivered it (envelope, properties with the received headers, body), so the checkpoint has the
 * same input as one recorded on a plain channel. While recording is off a message costs one check.
 */
public final class RecordingMessageListener extends WrappedListener
    implements ChannelAwareMessageListener {

  private static final MessagePropertiesConverter PROPERTIES =
      new DefaultMessagePropertiesConverter();

  private RecordingMessageListener(MessageListener delegate, RabbitMqRecording recording) {
    super(delegate, recording);
  }

  /**
   * Wraps a container's listener, unless it is already wrapped or the container must see its own
   * type (one that tells the container which queues it expects: {@code RabbitTemplate} as a reply
   * listener); a batch listener gets a {@link RecordingBatchMessageListener}.
   *
   * @param listener the container's listener, may be {@code null}
   * @param recording the recording
   * @return the listener to set, or {@code null} when it stays as it is
   */
  public static MessageListener wrap(Object listener, RabbitMqRecording recording) {
    if (!(listener instanceof MessageListener messageListener)
        || listener instanceof RecordingMessageListener
        || listener instanceof RecordingBatchMessageListener
        || listener instanceof ListenerContainerAware) {
      return null;
    }
    if (listener instanceof BatchMessageListener
        || listener instanceof ChannelAwareBatchMessageListener) {
      return new RecordingBatchMessageListener(messageListener, recording);
    }
    return new RecordingMessageListener(messageListener, recording);
  }

  @Override
  public void onMessage(Message message, Channel channel) throws Exception {
    if (!recording.isEnabled()) {
      deliver(message, channel);
      return;
    }
    Delivery delivery = delivery(message);
    recording.consume(
        message.getMessageProperties().getConsumerQueue(),
        delivery.getEnvelope(),
        delivery.getProperties(),
        delivery.getBody(),
        () -> deliver(message, channel));
  }

  /**
   * The message as the RabbitMQ client delivered it (envelope, properties with the received
   * headers, body), so that its checkpoint has the same input as one recorded on a plain channel.
   */
  static Delivery delivery(Message message) {
    MessageProperties received = message.getMessageProperties();
    Envelope envelope =
        new Envelope(
            received.getDeliveryTag(),
            Boolean.TRUE.equals(received.getRedelivered()),
            received.getReceivedExchange(),
            received.getReceivedRoutingKey());
    AMQP.BasicProperties properties =
        PROPERTIES.fromMessageProperties(received, StandardCharsets.UTF_8.name());
    return new Delivery(envelope, properties, message.getBody());
  }

  @Override
  public void onMessageBatch(List<Message> messages, Channel channel) {
    deliverBatch(messages, channel);
  }

  @Override
  public void onMessageBatch(List<Message> messages) {
    delegate.onMessageBatch(messages);
  }

  private void deliver(Message message, Channel channel) throws Exception {
    if (delegate instanceof ChannelAwareMessageListener aware) {
      aware.onMessage(message, channel);
    } else {
      delegate.onMessage(message);
    }
  }
}
