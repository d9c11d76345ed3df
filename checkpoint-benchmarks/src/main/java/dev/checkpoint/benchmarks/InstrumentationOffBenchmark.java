package dev.checkpoint.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.observation.ObservationCollector;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.instrumentation.messaging.RabbitMqRecording;
import dev.checkpoint.instrumentation.spring.CheckpointWebFilter;
import dev.checkpoint.instrumentation.spring.internal.ExceptionHandlerResponses;
import dev.checkpoint.instrumentation.spring.internal.ReactorScheduling;
import dev.checkpoint.instrumentation.spring.internal.RecordingMessageListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * What the starter's WebFlux filter and server handler decorator, its Reactor schedule hook, its
 * Spring AMQP listener wrappers (per message and per batch) and the RabbitMQ observation collector
 * cost while recording is OFF, each against the same call without it in the same run: the rest of
 * the filter chain, the application's listener, and the client's own no-op collector (which the
 * client calls on every publish anyway). Target: 0 B/op over the baseline and one volatile read
 * (run with {@code -prof gc}). Run one pair at a time, e.g. {@code scripts/bench.sh
 * 'InstrumentationOffBenchmark.listener' listenerDirect 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class InstrumentationOffBenchmark {

  private long delivered;
  private ChannelAwareBatchMessageListener batchListener;
  private ChannelAwareBatchMessageListener recordingBatchListener;
  private List<Message> batch;
  private HttpHandler httpHandler;
  private HttpHandler decoratedHttpHandler;
  private final Runnable task = () -> delivered++;
  private ChannelAwareMessageListener listener;
  private ChannelAwareMessageListener recordingListener;
  private Message message;

  private final Mono<Void> handled = Mono.empty();
  private WebFilterChain chain;
  private WebFilter webFilter;

  private ObservationCollector collector;
  private ObservationCollector.PublishCall send;
  private AMQP.Basic.Publish publish;
  private AMQP.BasicProperties properties;
  private byte[] body;
  private AMQP.BasicProperties sent;

  /** A real recorder in mode OFF, as an application with recording off has it. */
  @Setup
  public void setUp() {
    CheckpointRecorder recorder = CheckpointRecorder.builder().mode(RecordingMode.OFF).build();
    RabbitMqRecording recording = RabbitMqRecording.create(recorder);

    listener = (received, channel) -> delivered += received.getBody().length;
    recordingListener =
        (ChannelAwareMessageListener) RecordingMessageListener.wrap(listener, recording);
    MessageProperties messageProperties = new MessageProperties();
    messageProperties.setContentType("application/json");
    message = new Message("{\"orderId\":42}".getBytes(StandardCharsets.UTF_8), messageProperties);

    batchListener = (messages, channel) -> delivered += messages.size();
    recordingBatchListener =
        (ChannelAwareBatchMessageListener) RecordingMessageListener.wrap(batchListener, recording);
    batch = List.of(message, message, message);
    httpHandler = (request, response) -> handled;
    decoratedHttpHandler = new ExceptionHandlerResponses(recorder).apply(httpHandler);

    chain = exchange -> handled;
    webFilter = CheckpointWebFilter.create(recorder);

    collector = recording.observationCollector();
    send = sending -> sent = sending;
    publish = new AMQP.Basic.Publish.Builder().exchange("").routingKey("orders").build();
    properties = new AMQP.BasicProperties.Builder().contentType("application/json").build();
    body = message.getBody();
  }

  /**
   * Baseline: the application's listener called as the container calls it.
   *
   * @throws Exception never
   */
  @Benchmark
  public void listenerDirect() throws Exception {
    listener.onMessage(message, null);
  }

  /**
   * The listener behind the starter's recording listener.
   *
   * @throws Exception never
   */
  @Benchmark
  public void listenerRecorded() throws Exception {
    recordingListener.onMessage(message, null);
  }

  /** Baseline: the application's batch listener called as the container calls it. */
  @Benchmark
  public void batchListenerDirect() {
    batchListener.onMessageBatch(batch, null);
  }

  /** The batch listener behind the starter's recording batch listener. */
  @Benchmark
  public void batchListenerRecorded() {
    recordingBatchListener.onMessageBatch(batch, null);
  }

  /**
   * Baseline: the server's handler. Neither request nor response is read while recording is off.
   *
   * @return the handler's result
   */
  @Benchmark
  public Mono<Void> httpHandlerOnly() {
    return httpHandler.handle(null, null);
  }

  /**
   * The handler behind the starter's decorator that records the exception handlers' answers.
   *
   * @return the handler's result
   */
  @Benchmark
  public Mono<Void> httpHandlerDecorated() {
    return decoratedHttpHandler.handle(null, null);
  }

  /** Baseline: a task a Reactor scheduler runs. */
  @Benchmark
  public void taskDirect() {
    task.run();
  }

  /**
   * The same task through the starter's Reactor schedule hook, scheduled where no checkpoint is
   * current (as everywhere while recording is off).
   */
  @Benchmark
  public void taskThroughScheduleHook() {
    ReactorScheduling.bind(task).run();
  }

  /**
   * Baseline: the rest of the filter chain. The exchange is not read while recording is off, so
   * none is built.
   *
   * @return the chain's result
   */
  @Benchmark
  public Mono<Void> webFilterChainOnly() {
    return chain.filter(null);
  }

  /**
   * The chain behind {@link CheckpointWebFilter}.
   *
   * @return the chain's result
   */
  @Benchmark
  public Mono<Void> webFilterRecorded() {
    return webFilter.filter(null, chain);
  }

  /**
   * Baseline: a publish through the client's default collector.
   *
   * @return the properties sent
   * @throws IOException never
   */
  @Benchmark
  public AMQP.BasicProperties publishNoOpCollector() throws IOException {
    ObservationCollector.NO_OP.publish(send, publish, properties, body, null);
    return sent;
  }

  /**
   * A publish through {@code RabbitMqRecording}'s collector.
   *
   * @return the properties sent
   * @throws IOException never
   */
  @Benchmark
  public AMQP.BasicProperties publishRecorded() throws IOException {
    collector.publish(send, publish, properties, body, null);
    return sent;
  }
}
