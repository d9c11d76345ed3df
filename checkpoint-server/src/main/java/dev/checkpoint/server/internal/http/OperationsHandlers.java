package dev.checkpoint.server.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.checkpoint.server.internal.ops.ServerMetrics;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.storage.StorageUnavailableException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Health, metrics and the OpenAPI document. */
final class OperationsHandlers {
  static final String OPENAPI_RESOURCE = "/dev/checkpoint/server/openapi.json";

  private final CheckpointStore store;
  private final ServerMetrics metrics;
  private final byte[] openApi;

  OperationsHandlers(CheckpointStore store, ServerMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
    this.openApi = openApiDocument();
  }

  /** The OpenAPI document shipped in the jar. */
  static byte[] openApiDocument() {
    try (InputStream in = OperationsHandlers.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void health(Context ctx) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    try {
      store.ping();
      body.put("status", "UP");
      body.put("database", "UP");
      Json.send(ctx, 200, body);
    } catch (StorageUnavailableException e) {
      body.put("status", "DOWN");
      body.put("database", "DOWN");
      body.put("detail", e.getMessage());
      Json.send(ctx, 503, body);
    }
  }

  void metrics(Context ctx) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.write(out);
    ctx.contentType(metrics.contentType()).result(out.toByteArray());
  }

  void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApi);
  }
}
