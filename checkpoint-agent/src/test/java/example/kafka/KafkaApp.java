package example.kafka;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * A service with no Checkpoint code that sends to Kafka and consumes what it sent, with the plain
 * {@code kafka-clients}. {@code POST /events} sends the request body to the topic, waits for its
 * consumer thread to receive it and answers with what it received. The tests start it in a JVM with
 * the agent.
 */
public final class KafkaApp {

  private KafkaApp() {}

  /**
   * Starts the consumer at the end of the topic's partition 0, the service on a free port, and
   * prints {@code port=<n>}.
   *
   * @param args the bootstrap servers and the topic
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    String servers = args[0];
    String topic = args[1];
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", servers), new StringSerializer(), new StringSerializer());
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", servers, "group.id", "kafka-app"),
            new StringDeserializer(),
            new StringDeserializer());
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToEnd(List.of(partition));
    consumer.position(partition);
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    Thread polling =
        new Thread(
            () -> {
              while (true) {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(100))) {
                  received.add(record.value());
                }
              }
            },
            "kafka-app-consumer");
    polling.setDaemon(true);
    polling.start();

    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new EventsServlet(producer, topic, received)), "/events");
    server.setHandler(context);
    server.start();
    System.out.println("port=" + server.getURI().getPort());
    server.join();
  }

  private static final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient KafkaProducer<String, String> producer;
    private final String topic;
    private final transient BlockingQueue<String> received;

    EventsServlet(
        KafkaProducer<String, String> producer, String topic, BlockingQueue<String> received) {
      this.producer = producer;
      this.topic = topic;
      this.received = received;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String consumed;
      try {
        producer.send(new ProducerRecord<>(topic, 0, "order-42", body)).get(10, TimeUnit.SECONDS);
        consumed = received.poll(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the record", e);
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IOException("the send failed", e);
      }
      response.setStatus(consumed == null ? 504 : 201);
      response.setContentType("application/json");
      response.getWriter().write(consumed == null ? "{}" : consumed);
    }
  }
}
