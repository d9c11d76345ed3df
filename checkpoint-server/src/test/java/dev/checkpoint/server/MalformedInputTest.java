package dev.checkpoint.server;

import static dev.checkpoint.server.testing.Batches.batch;
import static dev.checkpoint.server.testing.Batches.checkpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.server.testing.Batches;
import dev.checkpoint.server.testing.Http;
import dev.checkpoint.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies and requests that are almost right: malformed UTF-8, gzip with bytes after it, keys given
 * twice, broken framing. Each is refused in the JSON error format, saying where.
 */
class MalformedInputTest {
  private static final String HEAD =
      "{\"batchId\":\"b\",\"resource\":{\"service\":\"shop\"},\"checkpoints\":[{"
          + "\"id\":\"a000000000000001\",\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
          + "\"kind\":\"METHOD\",\"startTimeUnixNano\":\"1763900000000000000\","
          + "\"endTimeUnixNano\":\"1763900000001000000\",";

  @TempDir Path data;
  private CheckpointServer server;
  private Http http;

  @BeforeEach
  void start() {
    server = CheckpointServer.start(TestServers.sqlite(data).build());
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A batch of one checkpoint whose name is "n" and whose input's note holds the given bytes. */
  private static byte[] withNote(byte... note) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(Batches.utf8(HEAD + "\"name\":\"n\",\"input\":{\"note\":\"x"));
    body.writeBytes(note);
    body.writeBytes(Batches.utf8("\"}}]}"));
    return body.toByteArray();
  }

  private static byte[] withName(byte... name) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(Batches.utf8(HEAD + "\"name\":\""));
    body.writeBytes(name);
    body.writeBytes(Batches.utf8("\"}]}"));
    return body.toByteArray();
  }

  private HttpResponse<String> post(byte[] body, String... headers) {
    return http.post("/api/v1/checkpoints", body, Http.withJson(headers));
  }

  @Test
  void malformedUtf8IsRefusedNamingTheField() {
    byte[][] malformed = {
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong, three bytes
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate (CESU-8)
      {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80}, // CESU pair
      {(byte) 0x80}, // a stray continuation byte
      {(byte) 0xE2, (byte) 0x82} // a cut sequence
    };
    for (byte[] bytes : malformed) {
      HttpResponse<String> inPayload = post(withNote(bytes));
      assertThat(inPayload.statusCode()).as(inPayload.body()).isEqualTo(400);
      JsonNode error = Http.json(inPayload);
      assertThat(error.path("error").asText()).isEqualTo("invalid_utf8");
      assertThat(error.path("path").asText()).isEqualTo("checkpoints[0].input.note");
      assertThat(error.path("detail").asText())
          .startsWith("checkpoints[0].input.note is not well-formed UTF-8");

      HttpResponse<String> inName = post(withName(bytes));
      assertThat(inName.statusCode()).isEqualTo(400);
      assertThat(Http.json(inName).path("path").asText()).isEqualTo("checkpoints[0].name");
    }
    HttpResponse<String> gzipped = post(Batches.gzip(withNote((byte) 0xC0, (byte) 0xAF)), gzip());
    assertThat(Http.json(gzipped).path("detail").asText()).contains("of the decompressed body");

    HttpResponse<String> wellFormed = post(withNote(Batches.utf8("é € 😀")));
    assertThat(wellFormed.statusCode()).as(wellFormed.body()).isEqualTo(200);
    assertThat(
            Http.json(http.get("/api/v1/traces/" + Batches.TRACE + "/checkpoints/a000000000000001"))
                .at("/input/note")
                .asText())
        .isEqualTo("xé € 😀");
  }

  @Test
  void aRunBodyInMalformedUtf8IsRefused() {
    byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    HttpResponse<String> refused = http.post("/api/v1/runs", body, Http.withJson());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Http.json(refused).path("error").asText()).isEqualTo("invalid_utf8");
  }

  private static String[] gzip() {
    return new String[] {"Content-Encoding", "gzip"};
  }

  @Test
  void gzipMustBeWholeAndNothingElse() {
    byte[] json =
        Batches.json(batch("shop", checkpoint("a000000000000001", null, "METHOD", "m", 0)));
    byte[] gzip = Batches.gzip(json);

    byte[] trailing = concat(gzip, Batches.utf8("garbage"));
    HttpResponse<String> refused = post(trailing, gzip());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Http.json(refused).path("error").asText()).isEqualTo("invalid_gzip");
    assertThat(Http.json(refused).path("detail").asText())
        .contains("bytes follow the last member at offset " + gzip.length);

    byte[] badCrc = gzip.clone();
    badCrc[badCrc.length - 8] ^= 1;
    assertThat(Http.json(post(badCrc, gzip())).path("detail").asText())
        .contains("CRC-32 does not match");
    byte[] cut = Arrays.copyOf(gzip, gzip.length - 3);
    assertThat(post(cut, gzip()).statusCode()).isEqualTo(400);

    // Members one after another are one body (RFC 1952), as gzip -c a b makes.
    int half = json.length / 2;
    byte[] members =
        concat(
            Batches.gzip(Arrays.copyOf(json, half)),
            Batches.gzip(Arrays.copyOfRange(json, half, json.length)));
    HttpResponse<String> accepted = post(members, gzip());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(Http.json(accepted).path("accepted").asInt()).isEqualTo(1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"input\":{\"a\":1,\"a\":2}|checkpoints[0].input.a",
        "\"input\":{\"items\":[{},{\"x\":1,\"y\":0,\"x\":1}]}|checkpoints[0].input.items[1].x",
        "\"attributes\":{\"k\":\"v\",\"k\":null}|checkpoints[0].attributes.k",
        "\"error\":{\"type\":\"E\",\"type\":\"F\"}|checkpoints[0].error.type",
        "\"name\":\"m\",\"id\":\"a000000000000002\"|checkpoints[0].id"
      })
  void aKeyGivenTwiceAnywhereIsRefusedWithItsPath(String fieldsAndPath) {
    String fields = fieldsAndPath.substring(0, fieldsAndPath.indexOf('|'));
    String path = fieldsAndPath.substring(fieldsAndPath.indexOf('|') + 1);
    String name = fields.startsWith("\"name\"") ? "" : "\"name\":\"n\",";

    HttpResponse<String> refused = post(Batches.utf8(HEAD + name + fields + "}]}"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode error = Http.json(refused);
    assertThat(error.path("error").asText()).isEqualTo("duplicate_field");
    assertThat(error.path("path").asText()).isEqualTo(path);
    assertThat(error.path("detail").asText())
        .isEqualTo(path + " appears twice; a key may be given once in an object.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Length: ten",
        "Content-Length: 2\r\nContent-Length: 3",
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\n\r\nzz"
      })
  void brokenFramingIsAnsweredInJson(String headers) throws IOException {
    String response =
        raw(
            "POST /api/v1/checkpoints HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + headers
                + (headers.contains("zz") ? "\r\n" : "\r\n\r\n"));

    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).containsIgnoringCase("content-type: application/json");
    String body = response.substring(response.indexOf("\r\n\r\n") + 4);
    assertThat(body).doesNotContain("<html");
    JsonNode error = Batches.MAPPER.readTree(body.substring(body.indexOf('{')));
    // Jetty refuses bad headers itself; a broken chunk surfaces while the handler reads the body.
    assertThat(error.path("error").asText()).isIn("bad_request", "unreadable_body");
    assertThat(error.path("detail").asText()).isNotBlank();
  }

  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
