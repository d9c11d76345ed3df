package dev.checkpoint.instrumentation.spring;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/** {@code WebClient} on Reactor Netty, Spring Boot's connector when it is on the class path. */
class ReactorNettyWebClientFilterTest extends AbstractWebClientFilterTest {

  @Override
  ClientHttpConnector connector() {
    return new ReactorClientHttpConnector();
  }
}
