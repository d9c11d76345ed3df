package dev.checkpoint.instrumentation.testkit;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A messaging client under test (RabbitMQ, Kafka), instrumented with the recorder the test kit gave
 * it, bound to one destination of its own (a queue, a topic) that no other test uses. It publishes
 * and consumes the way an application would.
 */
public interface MessagingTestClient extends AutoCloseable {

  /**
   * The destination's name, as the checkpoint names carry it ({@code PUBLISH <destination>}).
   *
   * @return the name
   */
  String destination();

  /**
   * Publishes a message to the destination and returns once the broker has it.
   *
   * @param headers the message headers
   * @param body the body
   * @throws Exception whatever the client threw
   */
  void publish(Map<String, String> headers, byte[] body) throws Exception;

  /**
   * Starts consuming from the destination. The handler is the application's processing of one
   * message: it runs in the message's {@code MESSAGE_CONSUME} checkpoint when that is recorded.
   *
   * @param handler receives each message as the application got it
   * @throws Exception whatever the client threw
   */
  void consume(Consumer<DeliveredMessage> handler) throws Exception;

  /**
   * A message as the application received it.
   *
   * @param headers its headers, values as text
   * @param body its body
   */
  record DeliveredMessage(Map<String, String> headers, byte[] body) {}
}
