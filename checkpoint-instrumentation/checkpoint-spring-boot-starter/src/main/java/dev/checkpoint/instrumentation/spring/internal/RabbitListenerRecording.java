package dev.checkpoint.instrumentation.spring.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import java.nio.charset.StandardCharsets;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * Advice of a listener container's {@code invokeListener(Channel, Object)}: records one message's
 * delivery as a {@code MESSAGE_CONSUME} checkpoint around the listener, in the publisher's tree.
 * The message is given back to {@code checkpoint-messaging} as the RabbitMQ client delivered it
 * (envelope, properties with the received headers, body), so the checkpoint has the same input as
 * one recorded on a plain channel. A batch (a list of messages) is passed on unrecorded.
 */
final class RabbitListenerRecording implements MethodInterceptor {

  private static final MessagePropertiesConverter PROPERTIES =
      new DefaultMessagePropertiesConverter();

  private final RabbitMqRecording recording;

  RabbitListenerRecording(RabbitMqRecording recording) {
    this.recording = recording;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Object[] arguments = invocation.getArguments();
    if (!recording.isEnabled()
        || arguments.length != 2
        || !(arguments[1] instanceof Message message)) {
      return invocation.proceed();
    }
    MessageProperties received = message.getMessageProperties();
    Envelope envelope =
        new Envelope(
            received.getDeliveryTag(),
            Boolean.TRUE.equals(received.getRedelivered()),
            received.getReceivedExchange(),
            received.getReceivedRoutingKey());
    AMQP.BasicProperties properties =
        PROPERTIES.fromMessageProperties(received, StandardCharsets.UTF_8.name());
    Object[] returned = new Object[1];
    recording.consume(
        received.getConsumerQueue(),
        envelope,
        properties,
        message.getBody(),
        () -> returned[0] = invocation.proceed());
    return returned[0];
  }
}
