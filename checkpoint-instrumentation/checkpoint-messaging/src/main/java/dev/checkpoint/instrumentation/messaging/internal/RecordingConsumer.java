package dev.checkpoint.instrumentation.messaging.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Consumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;

/**
 * A {@link Consumer} that records each delivery as a {@code MESSAGE_CONSUME} checkpoint around the
 * application's consumer, in the publisher's tree.
 */
public final class RecordingConsumer implements Consumer {

  private final Consumer delegate;
  private final String queue;
  private final MessageRecording recording;

  /**
   * Wraps a consumer.
   *
   * @param delegate the application's consumer
   * @param queue the queue it consumes from, {@code null} when unknown
   * @param recording the recording
   */
  public RecordingConsumer(Consumer delegate, String queue, MessageRecording recording) {
    this.delegate = delegate;
    this.queue = queue;
    this.recording = recording;
  }

  @Override
  public void handleDelivery(
      String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
      throws IOException {
    recording.consume(
        queue,
        envelope,
        properties,
        body,
        () -> delegate.handleDelivery(consumerTag, envelope, properties, body));
  }

  @Override
  public void handleConsumeOk(String consumerTag) {
    delegate.handleConsumeOk(consumerTag);
  }

  @Override
  public void handleCancelOk(String consumerTag) {
    delegate.handleCancelOk(consumerTag);
  }

  @Override
  public void handleCancel(String consumerTag) throws IOException {
    delegate.handleCancel(consumerTag);
  }

  @Override
  public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
    delegate.handleShutdownSignal(consumerTag, signal);
  }

  @Override
  public void handleRecoverOk(String consumerTag) {
    delegate.handleRecoverOk(consumerTag);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
