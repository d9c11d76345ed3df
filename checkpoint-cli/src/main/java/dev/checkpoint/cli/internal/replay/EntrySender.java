package dev.checkpoint.cli.internal.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.checkpoint.Kind;
import dev.checkpoint.cli.internal.run.RunFailure;
import dev.checkpoint.core.model.Ids;
import dev.checkpoint.core.propagation.Baggage;
import dev.checkpoint.core.propagation.TraceParent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeoutException;

/**
 * Sends recorded entry requests to the service under test, each in a new tree: an {@code
 * HTTP_SERVER} entry as the recorded HTTP request to the target's base URL, a {@code
 * MESSAGE_CONSUME} entry as the recorded message published to its recorded exchange and routing
 * key, or, for a Kafka record, sent to its recorded topic with its key and headers. Each carries a
 * new {@code traceparent} and {@code baggage} with the replay run ({@value Baggage#RUN_KEY}) and
 * the {@linkplain dev.checkpoint.assets.RecordingKey recording key} ({@value Baggage#REPLAY_KEY}).
 */
final class EntrySender implements AutoCloseable {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String REDACTED = "[REDACTED]";

  /**
   * Headers not replayed: hop-by-hop ones (RFC 9110, 7.6.1), those the client sets itself, and the
   * trace context, which is the replay's own.
   */
  private static final Set<String> NOT_REPLAYED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "http2-settings",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "traceparent",
          "tracestate",
          Baggage.HEADER);

  private final HttpClient http;
  private final URI target;
  private final URI amqp;
  private final KafkaDelivery kafka;
  private Connection connection;
  private Channel channel;

  /**
   * Creates a sender.
   *
   * @param target the base URL of the service under test, for {@code HTTP_SERVER} entries
   * @param amqp the broker of the service under test, for RabbitMQ {@code MESSAGE_CONSUME} entries
   * @param kafka the Kafka broker of the service under test ({@code host:port}), for Kafka {@code
   *     MESSAGE_CONSUME} entries
   */
  EntrySender(HttpClient http, URI target, URI amqp, String kafka) {
    this.http = http;
    this.target = target;
    this.amqp = amqp;
    this.kafka = new KafkaDelivery(kafka);
  }

  /**
   * Sends one entry.
   *
   * @return the trace id of the replayed tree
   * @throws EntryFailure when this entry cannot be replayed
   * @throws RunFailure when the service or broker cannot be reached at all
   */
  String send(ReplayEntry entry, String runId) {
    String traceId = Ids.newTraceId();
    String traceParent = TraceParent.sampled(traceId, Ids.newCheckpointId()).format();
    JsonNode input = entry.recorded().input();
    if (entry.kind().equals(Kind.MESSAGE_CONSUME.name())) {
      String baggage =
          Baggage.parse(textOf(input.path("headers").path(Baggage.HEADER)))
              .with(Baggage.RUN_KEY, runId)
              .with(Baggage.REPLAY_KEY, entry.key().format())
              .format();
      if (input.has("topic")) {
        sendRecord(entry, input, traceParent, baggage);
      } else {
        publish(entry, input, traceParent, baggage);
      }
    } else {
      String baggage =
          Baggage.parse(header(input, Baggage.HEADER))
              .with(Baggage.RUN_KEY, runId)
              .with(Baggage.REPLAY_KEY, entry.key().format())
              .format();
      request(entry, input, traceParent, baggage);
    }
    return traceId;
  }

  private void request(ReplayEntry entry, JsonNode input, String traceParent, String baggage) {
    String path = input.path("path").asText("/");
    String query = input.path("query").isTextual() ? "?" + input.path("query").asText() : "";
    String base = target.toString().endsWith("/") ? target.toString() : target + "/";
    URI uri;
    try {
      uri = URI.create(base + (path.startsWith("/") ? path.substring(1) : path) + query);
    } catch (IllegalArgumentException e) {
      throw new EntryFailure(
          "its recorded path and query '"
              + path
              + query
              + "' do not make a URL: "
              + e.getMessage());
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    String contentType = null;
    for (Map.Entry<String, JsonNode> header : input.path("headers").properties()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      String value = textOf(header.getValue());
      if (NOT_REPLAYED.contains(name) || REDACTED.equals(value) || name.startsWith(":")) {
        continue;
      }
      if (name.equals("content-type")) {
        contentType = value;
      }
      request.header(header.getKey(), value);
    }
    request.header(TraceParent.HEADER, traceParent).header(Baggage.HEADER, baggage);
    byte[] body = body(entry, input.path("body"), contentType);
    request.method(
        input.path("method").asText("GET"),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      throw new EntryFailure(
          "the service did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (ConnectException e) {
      throw new RunFailure(
          "The service under test does not answer at "
              + target
              + " ("
              + e
              + "). Start it, or fix --target.",
          e);
    } catch (IOException e) {
      throw new EntryFailure("sending it failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailure("Interrupted while replaying " + entry.key().format() + ".", e);
    }
  }

  private void publish(ReplayEntry entry, JsonNode input, String traceParent, String baggage) {
    Map<String, Object> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> header : input.path("headers").properties()) {
      JsonNode value = header.getValue();
      headers.put(
          header.getKey(),
          value.isIntegralNumber() ? (Object) value.longValue() : (Object) textOf(value));
    }
    headers.put(TraceParent.HEADER, traceParent);
    headers.put(Baggage.HEADER, baggage);
    JsonNode properties = input.path("properties");
    AMQP.BasicProperties.Builder props =
        new AMQP.BasicProperties.Builder()
            .headers(headers)
            .contentType(optional(properties, "contentType"))
            .contentEncoding(optional(properties, "contentEncoding"))
            .correlationId(optional(properties, "correlationId"))
            .replyTo(optional(properties, "replyTo"))
            .expiration(optional(properties, "expiration"))
            .messageId(optional(properties, "messageId"))
            .type(optional(properties, "type"))
            .appId(optional(properties, "appId"));
    if (properties.path("deliveryMode").isInt()) {
      props.deliveryMode(properties.path("deliveryMode").intValue());
    }
    if (properties.path("priority").isInt()) {
      props.priority(properties.path("priority").intValue());
    }
    String exchange = input.path("exchange").asText("");
    String routingKey =
        input.hasNonNull("routingKey")
            ? input.path("routingKey").asText()
            : input.path("destination").asText("");
    byte[] body = body(entry, input.path("body"), optional(properties, "contentType"));
    try {
      channel()
          .basicPublish(exchange, routingKey, props.build(), body == null ? new byte[0] : body);
    } catch (IOException e) {
      throw new EntryFailure(
          "publishing it to exchange '"
              + exchange
              + "' with routing key '"
              + routingKey
              + "' failed: "
              + e);
    }
  }

  /* A Kafka record: its topic, key, headers and value, on the --kafka broker. */
  private void sendRecord(ReplayEntry entry, JsonNode input, String traceParent, String baggage) {
    List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
    for (Map.Entry<String, JsonNode> header : input.path("headers").properties()) {
      if (NOT_REPLAYED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (JsonNode value : values(header.getValue())) {
        byte[] bytes = value.isNull() ? null : body(entry, value, null);
        headers.add(new AbstractMap.SimpleImmutableEntry<>(header.getKey(), bytes));
      }
    }
    headers.add(Map.entry(TraceParent.HEADER, traceParent.getBytes(StandardCharsets.UTF_8)));
    headers.add(Map.entry(Baggage.HEADER, baggage.getBytes(StandardCharsets.UTF_8)));
    kafka.send(
        input.path("topic").asText(),
        body(entry, input.path("key"), null),
        headers,
        body(entry, input.path("body"), null));
  }

  private Channel channel() {
    if (channel == null) {
      ConnectionFactory factory = new ConnectionFactory();
      try {
        factory.setUri(amqp);
        connection = factory.newConnection("checkpoint-replay");
        channel = connection.createChannel();
      } catch (IOException
          | TimeoutException
          | GeneralSecurityException
          | URISyntaxException
          | RuntimeException e) {
        throw new RunFailure(
            "Cannot connect to the AMQP broker at "
                + amqp.getHost()
                + ":"
                + amqp.getPort()
                + " to deliver recorded messages ("
                + e
                + "). Start it, or fix --amqp.",
            e);
      }
    }
    return channel;
  }

  /**
   * The recorded body as bytes: JSON as JSON, text as UTF-8, a form as a form, {@code {"base64":
   * ...}} decoded; {@code null} for none.
   */
  private static byte[] body(ReplayEntry entry, JsonNode body, String contentType) {
    if (body.isMissingNode() || body.isNull()) {
      return null;
    }
    if (entry.recorded().fields().path("truncated").toString().contains("input.body")) {
      throw new EntryFailure(
          "its recorded body was cut at the payload limit; record it again with a larger"
              + " CHECKPOINT_MAX_PAYLOAD_BYTES to replay it");
    }
    if (body.isTextual()) {
      return body.textValue().getBytes(StandardCharsets.UTF_8);
    }
    if (body.isObject() && body.size() <= 2 && body.path("base64").isTextual()) {
      try {
        return Base64.getDecoder().decode(body.path("base64").textValue());
      } catch (IllegalArgumentException e) {
        throw new EntryFailure("its recorded body is not valid Base64: " + e.getMessage());
      }
    }
    if (body.isObject()
        && contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return form(body).getBytes(StandardCharsets.UTF_8);
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A recorded field's values: the elements of a repeated one, else the value itself. */
  private static List<JsonNode> values(JsonNode field) {
    List<JsonNode> values = new ArrayList<>();
    if (field.isArray()) {
      field.forEach(values::add);
    } else {
      values.add(field);
    }
    return values;
  }

  private static String form(JsonNode fields) {
    StringJoiner form = new StringJoiner("&");
    for (Map.Entry<String, JsonNode> field : fields.properties()) {
      for (JsonNode value : values(field.getValue())) {
        form.add(
            URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(textOf(value), StandardCharsets.UTF_8));
      }
    }
    return form.toString();
  }

  private static String header(JsonNode input, String name) {
    for (Map.Entry<String, JsonNode> header : input.path("headers").properties()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return textOf(header.getValue());
      }
    }
    return null;
  }

  private static String optional(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : textOf(value);
  }

  private static String textOf(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** Closes the broker connections, if any were opened. */
  @Override
  public void close() {
    kafka.close();
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException | RuntimeException e) {
        // The replay is over; a broker that went away meanwhile changes nothing in its outcome.
      }
    }
  }

  /** One entry cannot be replayed; the message says why, to follow "cannot be replayed: ". */
  static final class EntryFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EntryFailure(String message) {
      super(message);
    }
  }
}
