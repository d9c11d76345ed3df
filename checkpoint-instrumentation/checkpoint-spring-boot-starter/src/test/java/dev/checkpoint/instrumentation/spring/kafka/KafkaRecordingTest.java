package dev.checkpoint.instrumentation.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.Kind;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The request, its send, the listener's record and the listener's work (a method, a send) are one
 * tree.
 */
class KafkaRecordingTest extends AbstractKafkaTest {

  private static final String TOPIC = "checkpoint-shipments-" + UUID.randomUUID();

  @DynamicPropertySource
  static void topic(DynamicPropertyRegistry registry) {
    registry.add("shipments.topic", () -> TOPIC);
  }

  @Test
  void sendAndListenerJoinTheRequestsTree() throws Exception {
    String notices = topic + ".notices";
    ConsumerRecord<String, String> delivered = ship("7", "{\"order\":7,\"carrier\":\"DHL\"}");

    Map<String, CheckpointData> tree =
        ExportedCheckpoints.await(exporter, 5).stream()
            .collect(Collectors.toMap(CheckpointData::name, Function.identity()));
    assertThat(tree)
        .containsOnlyKeys(
            "POST /shipments/{order}",
            "PUBLISH " + topic,
            "CONSUME " + topic,
            "Orders.markShipped",
            "PUBLISH " + notices);
    CheckpointData server = tree.get("POST /shipments/{order}");
    CheckpointData publish = tree.get("PUBLISH " + topic);
    CheckpointData consume = tree.get("CONSUME " + topic);
    CheckpointData method = tree.get("Orders.markShipped");
    CheckpointData notice = tree.get("PUBLISH " + notices);
    assertThat(tree.values())
        .allSatisfy(
            checkpoint -> {
              assertThat(checkpoint.traceId()).isEqualTo(server.traceId());
              assertThat(checkpoint.error()).isNull();
            });
    assertThat(server.kind()).isEqualTo(Kind.HTTP_SERVER);
    assertThat(publish.kind()).isEqualTo(Kind.MESSAGE_PUBLISH);
    assertThat(publish.parentId()).isEqualTo(server.id());
    assertThat(consume.kind()).isEqualTo(Kind.MESSAGE_CONSUME);
    assertThat(consume.parentId()).isEqualTo(publish.id());
    assertThat(method.kind()).isEqualTo(Kind.METHOD);
    assertThat(method.parentId()).isEqualTo(consume.id());
    // The listener's own send: the record's checkpoint is current while the listener runs.
    assertThat(notice.kind()).isEqualTo(Kind.MESSAGE_PUBLISH);
    assertThat(notice.parentId()).isEqualTo(consume.id());

    JsonNode published = RecordedJson.of(publish.input());
    assertThat(published.path("key").asText()).isEqualTo("7");
    assertThat(published.path("body").path("carrier").asText()).isEqualTo("DHL");
    assertThat(RecordedJson.of(consume.input()).path("body")).isEqualTo(published.path("body"));
    assertThat(header(delivered, "traceparent"))
        .isEqualTo("00-" + server.traceId() + "-" + publish.id() + "-01");
  }

  @Test
  void offRecordsNothingAndSendsNoHeaders() throws Exception {
    recorder.control().set(RecordingMode.OFF, null);

    ConsumerRecord<String, String> delivered = ship("9", "{\"order\":9}");

    assertThat(header(delivered, "traceparent")).isNull();
    assertThat(exporter.checkpoints()).isEmpty();
  }
}
