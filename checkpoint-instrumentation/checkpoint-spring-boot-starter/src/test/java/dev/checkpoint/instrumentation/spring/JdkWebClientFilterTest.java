package dev.checkpoint.instrumentation.spring;

import java.net.http.HttpClient;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

/** {@code WebClient} on the JDK's {@code HttpClient}. */
class JdkWebClientFilterTest extends AbstractWebClientFilterTest {

  @Override
  ClientHttpConnector connector() {
    return new JdkClientHttpConnector(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
  }
}
