package dev.checkpoint.instrumentation.spring.internal;

import com.rabbitmq.client.Channel;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * What the starter's listener wrappers share: the application's listener, which the container
 * configures through them, and the recording.
 */
abstract class WrappedListener {

  final MessageListener delegate;
  final RabbitMqRecording recording;

  WrappedListener(MessageListener delegate, RabbitMqRecording recording) {
    this.delegate = delegate;
    this.recording = recording;
  }

  /** Hands a batch to the application's listener, with the channel when it takes one. */
  final void deliverBatch(List<Message> messages, Channel channel) {
    if (delegate instanceof ChannelAwareMessageListener aware) {
      aware.onMessageBatch(messages, channel);
    } else {
      delegate.onMessageBatch(messages);
    }
  }

  /**
   * Tells the application's listener the container's acknowledge mode.
   *
   * @param mode the mode
   */
  public void containerAckMode(AcknowledgeMode mode) {
    delegate.containerAckMode(mode);
  }

  /**
   * Whether the application's listener replies asynchronously.
   *
   * @return its answer
   */
  public boolean isAsyncReplies() {
    return delegate.isAsyncReplies();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
