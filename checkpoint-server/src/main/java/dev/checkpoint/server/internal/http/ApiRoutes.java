package dev.checkpoint.server.internal.http;

import dev.checkpoint.server.internal.ingest.BatchParser;
import dev.checkpoint.server.internal.ingest.RateLimiter;
import dev.checkpoint.server.internal.ops.ServerMetrics;
import dev.checkpoint.server.internal.storage.CheckpointStore;
import dev.checkpoint.server.internal.trees.AssetExport;
import dev.checkpoint.server.internal.trees.ContractExport;
import dev.checkpoint.server.internal.trees.RecordedTrees;
import dev.checkpoint.server.internal.trees.TreeComparison;
import dev.checkpoint.server.internal.trees.TreeReads;
import java.util.List;

/** Every route of the server; the OpenAPI document describes exactly these. */
public final class ApiRoutes {
  private ApiRoutes() {}

  public static List<Endpoint> endpoints(
      CheckpointStore store,
      TreeReads reads,
      ServerMetrics metrics,
      BatchParser parser,
      RateLimiter rateLimiter,
      long maxBodyBytes) {
    IngestHandler ingest = new IngestHandler(parser, store, rateLimiter, metrics, maxBodyBytes);
    RunHandlers runs = new RunHandlers(store);
    QueryHandlers queries = new QueryHandlers(store, reads);
    RecordedTrees recorded = new RecordedTrees(store, reads);
    AssetHandlers assets =
        new AssetHandlers(
            new AssetExport(recorded), new ContractExport(recorded), new TreeComparison(recorded));
    OperationsHandlers operations = new OperationsHandlers(store, metrics);
    return List.of(
        new Endpoint("POST", "/api/v1/checkpoints", Access.INGEST, true, ingest::post),
        new Endpoint("GET", "/api/v1/checkpoints", Access.READ, false, queries::search),
        new Endpoint("GET", "/api/v1/traces/{traceId}", Access.READ, false, queries::tree),
        new Endpoint(
            "GET",
            "/api/v1/traces/{traceId}/checkpoints",
            Access.READ,
            false,
            queries::checkpoints),
        new Endpoint(
            "GET", "/api/v1/traces/{traceId}/outline", Access.READ, false, queries::outline),
        new Endpoint(
            "GET", "/api/v1/traces/{traceId}/summary", Access.READ, false, queries::summary),
        new Endpoint(
            "GET",
            "/api/v1/traces/{traceId}/checkpoints/{checkpointId}",
            Access.READ,
            false,
            queries::checkpoint),
        new Endpoint("GET", "/api/v1/export", Access.READ, false, assets::export),
        new Endpoint("GET", "/api/v1/diff", Access.READ, false, assets::diff),
        new Endpoint("POST", "/api/v1/runs", Access.INGEST, false, runs::post),
        new Endpoint("GET", "/api/v1/runs", Access.READ, false, runs::list),
        new Endpoint("GET", "/api/v1/runs/{runId}", Access.READ, false, runs::get),
        new Endpoint("DELETE", "/api/v1/runs/{runId}", Access.INGEST, false, runs::delete),
        new Endpoint("GET", "/api/v1/openapi.json", Access.PUBLIC, false, operations::openApi),
        new Endpoint("GET", "/health", Access.PUBLIC, false, operations::health),
        new Endpoint("GET", "/metrics", Access.PUBLIC, false, operations::metrics));
  }
}
