package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.instrumentation.http.RecordedResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/** A recorded response given to a {@code RestClient} or {@code RestTemplate} call in replay. */
public final class ReplayedClientHttpResponse implements ClientHttpResponse {

  private final RecordedResponse recorded;
  private final HttpHeaders headers = new HttpHeaders();

  /**
   * Wraps a recorded response.
   *
   * @param recorded the recorded status, headers and body
   */
  public ReplayedClientHttpResponse(RecordedResponse recorded) {
    this.recorded = recorded;
    for (Map.Entry<String, List<String>> header : recorded.headers().entrySet()) {
      for (String value : header.getValue()) {
        headers.add(header.getKey(), value);
      }
    }
  }

  @Override
  public HttpStatusCode getStatusCode() {
    return HttpStatusCode.valueOf(recorded.status());
  }

  @Override
  public String getStatusText() {
    return "";
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }

  @Override
  public InputStream getBody() {
    return new ByteArrayInputStream(recorded.body());
  }

  @Override
  public void close() {}
}
