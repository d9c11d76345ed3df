package dev.checkpoint.instrumentation.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Kind;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.Scope;
import dev.checkpoint.core.capture.PayloadCapture;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.propagation.W3cPropagation;
import dev.checkpoint.instrumentation.testkit.MessagingTestClient.DeliveredMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every messaging instrumentation fulfils, run against a real broker: the consumer's
 * work joins the publisher's tree, headers and bodies are recorded with secrets redacted and large
 * bodies truncated, and the recording modes. An implementation's test extends this class and says
 * how to build its instrumented client on a destination of its own.
 */
public abstract class AbstractMessagingInstrumentationTest {

  /** The payload limit of the recorder under test: small, so truncation is cheap to provoke. */
  protected static final int MAX_BYTES = 2048;

  private static final long RECEIVE_SECONDS = 30;

  /** Where the recorders under test export. */
  protected final InMemoryExporter exporter = InMemoryExporter.create();

  private final List<MessagingTestClient> clients = new ArrayList<>();

  /**
   * Builds a client under test, instrumented with {@code recorder}, on a new destination.
   *
   * @param recorder the recorder
   * @return the client
   * @throws Exception when the client cannot be built
   */
  protected abstract MessagingTestClient newClient(CheckpointRecorder recorder) throws Exception;

  /**
   * A recorder in the given mode that exports to {@link #exporter}.
   *
   * @param mode the mode
   * @return the recorder
   */
  protected CheckpointRecorder recorder(RecordingMode mode) {
    return CheckpointRecorder.builder()
        .service("shop")
        .mode(mode)
        .capture(PayloadCapture.create(Redaction.defaults(), MAX_BYTES))
        .exporter(exporter)
        .build();
  }

  /**
   * A client under test, closed after the test.
   *
   * @param recorder the recorder it is instrumented with
   * @return the client
   * @throws Exception when it cannot be built
   */
  protected MessagingTestClient client(CheckpointRecorder recorder) throws Exception {
    MessagingTestClient client = newClient(recorder);
    clients.add(client);
    return client;
  }

  @AfterEach
  void closeClients() throws Exception {
    for (MessagingTestClient client : clients) {
      client.close();
    }
  }

  /**
   * Waits until the given number of checkpoints were exported.
   *
   * @param count how many
   * @return them, in the order they ended
   * @throws InterruptedException when interrupted
   */
  protected List<CheckpointData> awaitCheckpoints(int count) throws InterruptedException {
    return ExportedCheckpoints.await(exporter, count);
  }

  /**
   * The one exported checkpoint of a kind.
   *
   * @param kind the kind
   * @return it
   */
  protected CheckpointData only(Kind kind) {
    List<CheckpointData> matching =
        exporter.checkpoints().stream().filter(c -> c.kind() == kind).toList();
    assertThat(matching).as("exported %s checkpoints", kind).hasSize(1);
    return matching.get(0);
  }

  private CheckpointData named(String name) {
    return exporter.checkpoints().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No checkpoint named " + name));
  }

  private static DeliveredMessage receive(BlockingQueue<DeliveredMessage> received)
      throws InterruptedException {
    DeliveredMessage message = received.poll(RECEIVE_SECONDS, TimeUnit.SECONDS);
    assertThat(message).as("a message delivered within %s s", RECEIVE_SECONDS).isNotNull();
    return message;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void consumerJoinsThePublishersTreeWithHeadersAndRedactedJsonBody() throws Exception {
    CheckpointRecorder recorder = recorder(RecordingMode.ON);
    MessagingTestClient client = client(recorder);
    BlockingQueue<DeliveredMessage> received = new ArrayBlockingQueue<>(1);
    client.consume(
        message -> {
          try (ActiveCheckpoint ship = recorder.start(Kind.METHOD, "Shipping.ship", null)) {
            received.add(message);
          }
        });

    try (ActiveCheckpoint pay = recorder.start(Kind.METHOD, "Payments.pay", null)) {
      client.publish(
          Map.of("tenant", "acme", "authorization", "Bearer secret"),
          utf8("{\"orderId\":42,\"cardNumber\":\"4111111111111111\"}"));
    }

    DeliveredMessage delivered = receive(received);
    assertThat(delivered.headers()).containsKey("traceparent").containsEntry("tenant", "acme");
    assertThat(delivered.headers().get("authorization"))
        .as("delivered as sent")
        .isEqualTo("Bearer secret");
    awaitCheckpoints(4);
    CheckpointData publish = only(Kind.MESSAGE_PUBLISH);
    CheckpointData consume = only(Kind.MESSAGE_CONSUME);
    CheckpointData pay = named("Payments.pay");
    CheckpointData ship = named("Shipping.ship");
    assertThat(publish.parentId()).isEqualTo(pay.id());
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(ship.parentId()).isEqualTo(consume.id());
    assertThat(List.of(publish.traceId(), consume.traceId(), ship.traceId()))
        .containsOnly(pay.traceId());

    assertThat(publish.name()).isEqualTo("PUBLISH " + client.destination());
    assertThat(consume.name()).isEqualTo("CONSUME " + client.destination());
    JsonNode input = RecordedJson.of(consume.input());
    assertThat(input.get("destination").asText()).isEqualTo(client.destination());
    assertThat(input.get("headers").get("tenant").asText()).isEqualTo("acme");
    assertThat(input.get("headers").get("authorization").asText()).isEqualTo(Redaction.MARKER);
    assertThat(input.get("headers").has("traceparent"))
        .as("trace context is not payload")
        .isFalse();
    assertThat(input.get("body").toString())
        .isEqualTo("{\"orderId\":42,\"cardNumber\":\"[REDACTED]\"}");
    assertThat(consume.redacted()).contains("input.body.cardNumber", "input.headers.authorization");
    JsonNode published = RecordedJson.of(publish.input());
    assertThat(published.get("body")).isEqualTo(input.get("body"));
    assertThat(published.get("headers")).isEqualTo(input.get("headers"));
  }

  @Test
  void secretsInHeadersAndBodiesAreRecordedRedactedButDelivered() throws Exception {
    MessagingTestClient client = client(recorder(RecordingMode.ON));
    BlockingQueue<String> received = new ArrayBlockingQueue<>(2);
    client.consume(message -> received.add(new String(message.body(), StandardCharsets.UTF_8)));
    String json =
        "{\"pin\":\"p-1111\",\"iban\":\"DE89370400440532013000\","
            + "\"note\":\"card 5500-0000-0000-0004\",\"callback\":\"/cb?api_key=k-2222\"}";
    String text = "login for ann; password: pw-3333; card 4111 1111 1111 1111";

    client.publish(Map.of("X-Session-Id", "s-4444", "meta", "{\"otp\":\"o-5555\"}"), utf8(json));
    client.publish(Map.of(), utf8(text));

    assertThat(received.poll(RECEIVE_SECONDS, TimeUnit.SECONDS)).isEqualTo(json);
    assertThat(received.poll(RECEIVE_SECONDS, TimeUnit.SECONDS)).isEqualTo(text);
    awaitCheckpoints(4);
    assertThat(exporter.checkpoints())
        .allSatisfy(
            checkpoint ->
                assertThat(checkpoint.input().json())
                    .contains(Redaction.MARKER)
                    .doesNotContain(
                        "p-1111", "DE8937", "5500", "k-2222", "pw-3333", "4111", "s-4444",
                        "o-5555"));
  }

  @Test
  void aBodyOverTheLimitIsRecordedAsAMarkedPreviewAndDeliveredWhole() throws Exception {
    MessagingTestClient client = client(recorder(RecordingMode.ON));
    BlockingQueue<DeliveredMessage> received = new ArrayBlockingQueue<>(1);
    client.consume(received::add);
    String body = "{\"items\":\"" + "x".repeat(3 * MAX_BYTES) + "\"}";

    client.publish(Map.of(), utf8(body));

    assertThat(new String(receive(received).body(), StandardCharsets.UTF_8)).isEqualTo(body);
    awaitCheckpoints(2);
    for (CheckpointData checkpoint : exporter.checkpoints()) {
      JsonNode recorded = RecordedJson.of(checkpoint.input()).get("body");
      assertThat(recorded.get("truncated").asBoolean()).isTrue();
      assertThat(recorded.get("originalSize").asInt()).isEqualTo(body.length());
      assertThat(recorded.get("preview").asText()).startsWith("{\"items\":\"xxx");
      assertThat(checkpoint.truncated()).containsExactly("input.body");
      assertThat(checkpoint.input().size()).isLessThanOrEqualTo(MAX_BYTES);
    }
  }

  @Test
  void onDemandRecordsOnlyMessagesOfARunAndCarriesTheRunIdToTheConsumer() throws Exception {
    MessagingTestClient client = client(recorder(RecordingMode.ON_DEMAND));
    BlockingQueue<String> bodies = new ArrayBlockingQueue<>(2);
    client.consume(message -> bodies.add(new String(message.body(), StandardCharsets.UTF_8)));

    client.publish(Map.of(), utf8("outside"));
    assertThat(bodies.poll(RECEIVE_SECONDS, TimeUnit.SECONDS)).isEqualTo("outside");
    assertThat(exporter.checkpoints()).isEmpty();

    try (Scope ignored =
        W3cPropagation.extract(null, "checkpoint.run=nightly-9").orElseThrow().makeCurrent()) {
      client.publish(Map.of(), utf8("inside"));
    }
    assertThat(bodies.poll(RECEIVE_SECONDS, TimeUnit.SECONDS)).isEqualTo("inside");
    awaitCheckpoints(2);
    assertThat(exporter.checkpoints()).extracting(CheckpointData::runId).containsOnly("nightly-9");
    assertThat(only(Kind.MESSAGE_CONSUME).parentId()).isEqualTo(only(Kind.MESSAGE_PUBLISH).id());
  }

  @Test
  void offRecordsNothingAndDeliversTheMessageUnchanged() throws Exception {
    MessagingTestClient client = client(recorder(RecordingMode.OFF));
    BlockingQueue<DeliveredMessage> received = new ArrayBlockingQueue<>(1);
    client.consume(received::add);

    client.publish(Map.of("tenant", "acme"), utf8("quiet"));

    DeliveredMessage delivered = receive(received);
    assertThat(delivered.headers()).isEqualTo(Map.of("tenant", "acme"));
    assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).isEqualTo("quiet");
    assertThat(exporter.checkpoints()).isEmpty();
  }
}
