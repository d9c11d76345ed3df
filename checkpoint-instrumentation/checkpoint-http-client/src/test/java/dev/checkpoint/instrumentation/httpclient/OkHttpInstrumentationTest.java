package dev.checkpoint.instrumentation.httpclient;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.instrumentation.testkit.AbstractHttpClientInstrumentationTest;
import dev.checkpoint.instrumentation.testkit.HttpTestClient;
import dev.checkpoint.instrumentation.testkit.TestRequest;
import dev.checkpoint.instrumentation.testkit.TestResponse;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

class OkHttpInstrumentationTest extends AbstractHttpClientInstrumentationTest {

  @Override
  protected HttpTestClient newClient(CheckpointRecorder recorder) {
    OkHttpClient client =
        new OkHttpClient.Builder()
            .addInterceptor(OkHttpCheckpoints.interceptor(recorder))
            .retryOnConnectionFailure(false)
            .build();
    return new HttpTestClient() {
      @Override
      public TestResponse execute(TestRequest request) throws Exception {
        OkHttpClient perCall =
            request.timeout() == null
                ? client
                : client.newBuilder().readTimeout(request.timeout()).build();
        try (Response response = perCall.newCall(toOkHttp(request)).execute()) {
          Map<String, String> headers = new TreeMap<>();
          response
              .headers()
              .toMultimap()
              .forEach((name, values) -> headers.put(name, values.get(0)));
          return new TestResponse(response.code(), headers, response.body().bytes());
        }
      }

      @Override
      public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    };
  }

  private static Request toOkHttp(TestRequest request) {
    Request.Builder builder = new Request.Builder().url(request.uri().toString());
    request.headers().forEach(builder::header);
    builder.method(
        request.method(),
        request.body() == null
            ? null
            : RequestBody.create(request.body(), MediaType.get(request.contentType())));
    return builder.build();
  }
}
