package dev.checkpoint.server.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class WireCheckpointsTest {

  @Test
  void aCheckpointWrittenStraightToJsonIsTheTextOfItsNodes() throws IOException {
    Checkpoint checkpoint =
        new Checkpoint(
            "0af7651916cd43dd8448eb211c80319c",
            "b000000000000002",
            null,
            "run-1",
            "shop",
            "host-1",
            "SQL",
            "insert \"order\"",
            1_763_900_000_000_000_000L,
            1_763_900_000_005_000_000L,
            null,
            "{\"amount\":1e400,\"price\":12.500,\"n\":-0.0,\"big\":123456789012345678901234567890,"
                + "\"small\":-7,\"long\":9007199254740993,\"list\":[true,false,null,{}],"
                + "\"text\":\"caf\\u00e9 \\ud83d\\ude00\\n\\\"q\\\"\"}",
            "[]",
            "{\"type\":\"SQLException\"}",
            "{\"db.system\":\"postgresql\"}",
            "[\"input.body\"]",
            null,
            "b1");

    StringWriter written = new StringWriter();
    try (JsonGenerator json = StoredJson.MAPPER.getFactory().createGenerator(written)) {
      json.writeStartObject();
      WireCheckpoints.writeFull(json, checkpoint);
      json.writeEndObject();
    }

    assertThat(written.toString())
        .isEqualTo(StoredJson.MAPPER.writeValueAsString(WireCheckpoints.full(checkpoint)))
        .contains("\"amount\":1E+400", "\"price\":12.500", "\"parentId\":null");
  }
}
