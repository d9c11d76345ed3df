package dev.checkpoint.core.export;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.core.model.ErrorData;
import dev.checkpoint.core.model.Payload;
import java.io.IOException;
import java.util.List;

/**
 * Writes checkpoints in the ingestion wire format of DESIGN.md. Times are decimal strings so
 * JavaScript readers keep nanosecond precision; payloads are written as the raw JSON captured.
 */
public final class WireFormat {

  /** The SDK name and version sent in each batch's {@code resource}. */
  public static final String SDK = "checkpoint-java/0.1.0";

  private WireFormat() {}

  /**
   * Writes one checkpoint as a JSON object.
   *
   * @param generator where to write
   * @param checkpoint the checkpoint
   * @throws IOException when the generator fails
   */
  public static void write(JsonGenerator generator, CheckpointData checkpoint) throws IOException {
    generator.writeStartObject();
    generator.writeStringField("id", checkpoint.id());
    generator.writeStringField("traceId", checkpoint.traceId());
    generator.writeStringField("parentId", checkpoint.parentId());
    generator.writeStringField("runId", checkpoint.runId());
    generator.writeStringField("service", checkpoint.service());
    generator.writeStringField("kind", checkpoint.kind().name());
    generator.writeStringField("name", checkpoint.name());
    generator.writeStringField("startTimeUnixNano", Long.toString(checkpoint.startEpochNanos()));
    generator.writeStringField("endTimeUnixNano", Long.toString(checkpoint.endEpochNanos()));
    generator.writeStringField("thread", checkpoint.thread());
    writePayload(generator, "input", checkpoint.input());
    writePayload(generator, "output", checkpoint.output());
    writeError(generator, checkpoint.error());
    writePayload(generator, "attributes", checkpoint.attributes());
    writeStrings(generator, "truncated", checkpoint.truncated());
    writeStrings(generator, "redacted", checkpoint.redacted());
    generator.writeEndObject();
  }

  /**
   * Writes a batch envelope with its checkpoints.
   *
   * @param generator where to write
   * @param batchId a unique id for this batch
   * @param service the sending service
   * @param instance the sending process, such as {@code host:pid}
   * @param checkpoints the checkpoints
   * @throws IOException when the generator fails
   */
  public static void writeBatch(
      JsonGenerator generator,
      String batchId,
      String service,
      String instance,
      List<CheckpointData> checkpoints)
      throws IOException {
    generator.writeStartObject();
    generator.writeStringField("batchId", batchId);
    generator.writeObjectFieldStart("resource");
    generator.writeStringField("service", service);
    generator.writeStringField("instance", instance);
    generator.writeStringField("sdk", SDK);
    generator.writeEndObject();
    generator.writeArrayFieldStart("checkpoints");
    for (CheckpointData checkpoint : checkpoints) {
      write(generator, checkpoint);
    }
    generator.writeEndArray();
    generator.writeEndObject();
  }

  private static void writePayload(JsonGenerator generator, String field, Payload payload)
      throws IOException {
    generator.writeFieldName(field);
    if (payload == null) {
      generator.writeNull();
    } else {
      generator.writeRawValue(payload.json());
    }
  }

  private static void writeError(JsonGenerator generator, ErrorData error) throws IOException {
    if (error == null) {
      generator.writeNullField("error");
      return;
    }
    generator.writeObjectFieldStart("error");
    generator.writeStringField("type", error.type());
    generator.writeStringField("message", error.message());
    writeStrings(generator, "stack", error.stack());
    // Only errors with a cause carry the field, so the others keep their shape.
    if (!error.causes().isEmpty()) {
      generator.writeArrayFieldStart("causes");
      for (ErrorData.Cause cause : error.causes()) {
        generator.writeStartObject();
        generator.writeStringField("type", cause.type());
        generator.writeStringField("message", cause.message());
        generator.writeEndObject();
      }
      generator.writeEndArray();
    }
    generator.writeEndObject();
  }

  private static void writeStrings(JsonGenerator generator, String field, List<String> values)
      throws IOException {
    generator.writeArrayFieldStart(field);
    for (String value : values) {
      generator.writeString(value);
    }
    generator.writeEndArray();
  }
}
