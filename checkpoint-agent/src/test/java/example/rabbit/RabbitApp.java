package example.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * A service with no Checkpoint code that publishes to RabbitMQ and consumes what it published, with
 * the plain {@code amqp-client}. {@code POST /messages} publishes the request body to the queue,
 * waits for its consumer to receive it and answers with what it received. The tests start it in a
 * JVM with the agent.
 */
public final class RabbitApp {

  private RabbitApp() {}

  /**
   * Connects to RabbitMQ on 127.0.0.1:5672, starts the service on a free port and prints {@code
   * port=<n>}.
   *
   * @param args the queue to declare, publish to and consume from; then {@code library <jsonl
   *     file>} to set the library's collector by hand too
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    String queue = args[0];
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(5672);
    factory.setUsername("guest");
    factory.setPassword("guest");
    if (args.length > 2 && args[1].equals("library")) {
      LibraryCollector.set(factory, Path.of(args[2]));
    }
    Connection connection = factory.newConnection("rabbit-app");
    Channel consuming = connection.createChannel();
    // Deleted with its consumer, when the application stops.
    consuming.queueDeclare(queue, false, false, true, null);
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    consuming.basicConsume(
        queue,
        true,
        new DefaultConsumer(consuming) {
          @Override
          public void handleDelivery(
              String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            received.add(new String(body, StandardCharsets.UTF_8));
          }
        });
    Channel publishing = connection.createChannel();

    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(new MessagesServlet(publishing, queue, received)), "/messages");
    server.setHandler(context);
    server.start();
    System.out.println("port=" + server.getURI().getPort());
    server.join();
  }

  /** The library wired by hand, as its docs show, recording into a JSONL file of its own. */
  private static final class LibraryCollector {

    private LibraryCollector() {}

    static void set(ConnectionFactory factory, Path jsonl) {
      CheckpointRecorder recorder =
          CheckpointRecorder.fromConfig(
              CheckpointConfig.builder()
                  .serviceName("library")
                  .mode(RecordingMode.ON)
                  .exporter(CheckpointConfig.ExporterType.JSONL)
                  .jsonlPath(jsonl)
                  .build());
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> recorder.shutdown(Duration.ofSeconds(5))));
      factory.setObservationCollector(RabbitMqRecording.create(recorder).observationCollector());
    }
  }

  private static final class MessagesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Channel channel;
    private final String queue;
    private final transient BlockingQueue<String> received;

    MessagesServlet(Channel channel, String queue, BlockingQueue<String> received) {
      this.channel = channel;
      this.queue = queue;
      this.received = received;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      byte[] body = request.getInputStream().readAllBytes();
      // A channel is not for concurrent publishes.
      synchronized (channel) {
        channel.basicPublish(
            "",
            queue,
            new AMQP.BasicProperties.Builder().contentType("application/json").build(),
            body);
      }
      String consumed;
      try {
        consumed = received.poll(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the delivery", e);
      }
      response.setStatus(consumed == null ? 504 : 201);
      response.setContentType("application/json");
      response.getWriter().write(consumed == null ? "{}" : consumed);
    }
  }
}
