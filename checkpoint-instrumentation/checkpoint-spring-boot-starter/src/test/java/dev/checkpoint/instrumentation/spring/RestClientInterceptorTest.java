package dev.checkpoint.instrumentation.spring;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.instrumentation.testkit.AbstractHttpClientInstrumentationTest;
import dev.checkpoint.instrumentation.testkit.HttpTestClient;
import dev.checkpoint.instrumentation.testkit.TestRequest;
import dev.checkpoint.instrumentation.testkit.TestResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Runs the shared HTTP client suite against the interceptor, on the request factory chain that
 * {@code RestClient} and {@code RestTemplate} use.
 */
class RestClientInterceptorTest extends AbstractHttpClientInstrumentationTest {

  @Override
  protected HttpTestClient newClient(CheckpointRecorder recorder) {
    HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CheckpointClientHttpRequestInterceptor interceptor =
        CheckpointClientHttpRequestInterceptor.create(recorder);
    return new HttpTestClient() {
      @Override
      public TestResponse execute(TestRequest request) throws IOException {
        JdkClientHttpRequestFactory jdk = new JdkClientHttpRequestFactory(httpClient);
        if (request.timeout() != null) {
          jdk.setReadTimeout(request.timeout());
        }
        ClientHttpRequest http =
            new InterceptingClientHttpRequestFactory(jdk, List.of(interceptor))
                .createRequest(request.uri(), HttpMethod.valueOf(request.method()));
        request.headers().forEach(http.getHeaders()::add);
        if (request.contentType() != null) {
          http.getHeaders().set(HttpHeaders.CONTENT_TYPE, request.contentType());
        }
        if (request.body() != null) {
          http.getBody().write(request.body());
        }
        try (ClientHttpResponse response = http.execute()) {
          byte[] body = response.getBody().readAllBytes();
          Map<String, String> headers = new TreeMap<>();
          response
              .getHeaders()
              .forEach(
                  (String name, List<String> values) ->
                      headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
          return new TestResponse(response.getStatusCode().value(), headers, body);
        }
      }
    };
  }
}
