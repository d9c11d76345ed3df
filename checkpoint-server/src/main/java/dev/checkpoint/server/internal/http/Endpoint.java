package dev.checkpoint.server.internal.http;

import io.javalin.http.Handler;

/**
 * One route of the API.
 *
 * @param method GET, POST or DELETE
 * @param path with parameters in braces, as in the OpenAPI document
 * @param ingestion whether its rejections count in the rejected-batches metric
 */
public record Endpoint(
    String method, String path, Access access, boolean ingestion, Handler handler) {}
