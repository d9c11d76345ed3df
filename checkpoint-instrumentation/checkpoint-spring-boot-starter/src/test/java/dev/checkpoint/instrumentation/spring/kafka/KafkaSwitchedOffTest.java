package dev.checkpoint.instrumentation.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.Kind;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.spring.internal.KafkaInstrumentation;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** {@code checkpoint.kafka.enabled=false}: the request and the method are recorded, Kafka not. */
@TestPropertySource(properties = "checkpoint.kafka.enabled=false")
class KafkaSwitchedOffTest extends AbstractKafkaTest {

  private static final String TOPIC = "checkpoint-shipments-off-" + UUID.randomUUID();

  @Autowired private ApplicationContext context;

  @DynamicPropertySource
  static void topic(DynamicPropertyRegistry registry) {
    registry.add("shipments.topic", () -> TOPIC);
  }

  @Test
  void sendsAndRecordsAreNotRecorded() throws Exception {
    assertThat(context.getBeanNamesForType(KafkaInstrumentation.class)).isEmpty();

    ConsumerRecord<String, String> delivered = ship("5", "{\"order\":5}");

    assertThat(header(delivered, "traceparent")).isNull();
    assertThat(ExportedCheckpoints.await(exporter, 2))
        .extracting(CheckpointData::kind)
        .containsExactlyInAnyOrder(Kind.HTTP_SERVER, Kind.METHOD);
  }
}
