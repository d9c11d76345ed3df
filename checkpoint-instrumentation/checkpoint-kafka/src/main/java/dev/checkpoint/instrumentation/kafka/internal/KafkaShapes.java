package dev.checkpoint.instrumentation.kafka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.core.instrumentation.MessageBodies;
import dev.checkpoint.core.propagation.W3cPropagation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.Bytes;

/**
 * Builds the recorded input of a record, the same for its send and its consumption: destination
 * (the topic), topic, the partition and timestamp the producer chose (if it did), key, headers and
 * body (the value). Keys and values that are bytes or text are recorded in the shape of {@link
 * MessageBodies} (JSON as JSON); other objects, as the application's serializer gets them, are
 * captured as Jackson writes them. Header values are text when they are UTF-8. The propagation
 * headers are left out: they differ on every run.
 */
final class KafkaShapes {

  private KafkaShapes() {}

  static Map<String, Object> input(
      ProducerRecord<?, ?> record, int maxBytes, List<String> truncated) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("destination", record.topic());
    input.put("topic", record.topic());
    if (record.partition() != null) {
      input.put("partition", record.partition());
    }
    if (record.timestamp() != null) {
      input.put("timestamp", record.timestamp());
    }
    input.put("key", value(record.key(), maxBytes, "input.key", truncated));
    input.put("headers", headers(record.headers()));
    input.put("body", value(record.value(), maxBytes, "input.body", truncated));
    return input;
  }

  static Map<String, Object> input(
      ConsumerRecord<?, ?> record, int maxBytes, List<String> truncated) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("destination", record.topic());
    input.put("topic", record.topic());
    input.put("key", value(record.key(), maxBytes, "input.key", truncated));
    input.put("headers", headers(record.headers()));
    input.put("body", value(record.value(), maxBytes, "input.body", truncated));
    return input;
  }

  /** Where the broker put a sent record. */
  static Map<String, Object> output(RecordMetadata metadata) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("topic", metadata.topic());
    output.put("partition", metadata.partition());
    // Without acknowledgements (acks=0) the broker tells no offset.
    if (metadata.hasOffset()) {
      output.put("offset", metadata.offset());
    }
    return output;
  }

  /**
   * The metadata of a send answered from its recording: where the broker put the recorded record;
   * the timestamp is the record's own, or none.
   */
  static RecordMetadata metadata(JsonNode output, ProducerRecord<?, ?> record) {
    JsonNode partition = output.path("partition");
    return new RecordMetadata(
        new TopicPartition(
            output.path("topic").asText(record.topic()),
            partition.isInt()
                ? partition.intValue()
                : record.partition() == null ? 0 : record.partition()),
        output.path("offset").asLong(-1),
        0,
        record.timestamp() == null ? RecordBatch.NO_TIMESTAMP : record.timestamp(),
        -1,
        -1);
  }

  private static Object value(Object value, int maxBytes, String path, List<String> truncated) {
    byte[] bytes = bytes(value);
    if (bytes == null) {
      return value;
    }
    if (MessageBodies.isOverLimit(bytes, maxBytes)) {
      truncated.add(path);
    }
    return MessageBodies.shape(bytes, null, null, maxBytes);
  }

  /** The bytes of a key or value the standard serializers write as they are; else {@code null}. */
  private static byte[] bytes(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if (value instanceof Bytes bytes) {
      return bytes.get();
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return bytes;
    }
    return null;
  }

  /** Headers by name; a name that repeats (Kafka allows it) has its values in a list. */
  private static Map<String, Object> headers(Headers headers) {
    Map<String, Object> recorded = new LinkedHashMap<>();
    if (headers == null) {
      return recorded;
    }
    for (Header header : headers) {
      String name = header.key();
      if (W3cPropagation.isPropagationHeader(name)) {
        continue;
      }
      Object value = MessageBodies.headerValue(header.value());
      Object earlier = recorded.get(name);
      if (earlier == null && !recorded.containsKey(name)) {
        recorded.put(name, value);
      } else if (earlier instanceof Repeated values) {
        values.add(value);
      } else {
        Repeated values = new Repeated();
        values.add(earlier);
        values.add(value);
        recorded.put(name, values);
      }
    }
    return recorded;
  }

  /** The values of a header name that repeats. */
  private static final class Repeated extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
  }
}
