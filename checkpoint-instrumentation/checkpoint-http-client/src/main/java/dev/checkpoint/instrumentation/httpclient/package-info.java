/**
 * HTTP client instrumentation: {@code HTTP_CLIENT} checkpoints for {@link
 * dev.checkpoint.instrumentation.httpclient.JavaHttpClientCheckpoints java.net.http.HttpClient},
 * {@link dev.checkpoint.instrumentation.httpclient.ApacheHttpClientCheckpoints Apache HttpClient 5}
 * and {@link dev.checkpoint.instrumentation.httpclient.OkHttpCheckpoints OkHttp}. All three record
 * the same shapes, name checkpoints {@code METHOD host[:port]/path}, and write W3C {@code
 * traceparent} and {@code baggage} so the called service continues the tree.
 */
package dev.checkpoint.instrumentation.httpclient;
