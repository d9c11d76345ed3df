package dev.checkpoint.instrumentation.spring.internal;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;

/**
 * A batch listener's wrapper (a {@code @RabbitListener} taking a {@code List}, on a container with
 * {@code consumerBatchEnabled}): each list the container hands it is recorded with {@code
 * checkpoint-messaging}'s batch recording, a {@code CONSUME BATCH} checkpoint current while the
 * listener runs with one {@code MESSAGE_CONSUME} checkpoint per message under it, the listener's
 * exception as their error. It stays a batch listener, as the container requires of a batch
 * consumer. While recording is off a batch costs one check.
 */
final class RecordingBatchMessageListener extends WrappedListener
    implements ChannelAwareBatchMessageListener {

  RecordingBatchMessageListener(MessageListener delegate, RabbitMqRecording recording) {
    super(delegate, recording);
  }

  @Override
  public void onMessageBatch(List<Message> messages, Channel channel) {
    if (!recording.isEnabled() || messages.isEmpty()) {
      deliverBatch(messages, channel);
      return;
    }
    List<Delivery> deliveries = new ArrayList<>(messages.size());
    for (Message message : messages) {
      deliveries.add(RecordingMessageListener.delivery(message));
    }
    recording.consumeBatch(
        messages.get(0).getMessageProperties().getConsumerQueue(),
        deliveries,
        () -> deliverBatch(messages, channel));
  }

  @Override
  public void onMessageBatch(List<Message> messages) {
    onMessageBatch(messages, null);
  }
}
