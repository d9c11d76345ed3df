package dev.checkpoint.instrumentation.httpclient;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.instrumentation.testkit.AbstractHttpClientInstrumentationTest;
import dev.checkpoint.instrumentation.testkit.HttpTestClient;
import dev.checkpoint.instrumentation.testkit.TestRequest;
import dev.checkpoint.instrumentation.testkit.TestResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

class ApacheHttpClientInstrumentationTest extends AbstractHttpClientInstrumentationTest {

  @Override
  protected HttpTestClient newClient(CheckpointRecorder recorder) {
    CloseableHttpClient client =
        ApacheHttpClientCheckpoints.instrument(HttpClients.custom(), recorder)
            .disableAutomaticRetries()
            .build();
    return new HttpTestClient() {
      @Override
      public TestResponse execute(TestRequest request) throws Exception {
        HttpClientContext context = HttpClientContext.create();
        if (request.timeout() != null) {
          context.setRequestConfig(
              RequestConfig.custom().setResponseTimeout(Timeout.of(request.timeout())).build());
        }
        return client.execute(
            toApache(request),
            context,
            response -> {
              Map<String, String> headers = new TreeMap<>();
              for (Header header : response.getHeaders()) {
                headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
              }
              byte[] body =
                  response.getEntity() == null
                      ? new byte[0]
                      : EntityUtils.toByteArray(response.getEntity());
              return new TestResponse(response.getCode(), headers, body);
            });
      }

      @Override
      public void close() throws Exception {
        client.close();
      }
    };
  }

  private static ClassicHttpRequest toApache(TestRequest request) {
    ClassicRequestBuilder builder = ClassicRequestBuilder.create(request.method());
    builder.setUri(request.uri());
    request.headers().forEach(builder::addHeader);
    if (request.body() != null) {
      builder.setEntity(
          new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
    }
    return builder.build();
  }
}
