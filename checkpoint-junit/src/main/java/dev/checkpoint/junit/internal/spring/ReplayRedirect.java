package dev.checkpoint.junit.internal.spring;

import dev.checkpoint.junit.internal.ReplaySession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Sends a request of a {@code RestClient} (built from a {@code RestClient.Builder} bean) or of a
 * {@code RestTemplate} bean to the stub of the replay running now, keeping its path, query and
 * body, which are what replay matches. Requests to the application itself (its {@code
 * local.server.port} on this machine, as a test's own client sends them) and requests made while no
 * test replays go where they were sent.
 */
final class ReplayRedirect implements ClientHttpRequestInterceptor {

  private final Environment environment;

  private ReplayRedirect(Environment environment) {
    this.environment = environment;
  }

  /** The bean with the redirect added, when it is one of the clients this handles. */
  static Object redirect(Object bean, Environment environment) {
    if (bean instanceof RestClient.Builder builder) {
      return builder.requestInterceptor(new ReplayRedirect(environment));
    }
    if (bean instanceof RestTemplate template) {
      template.getInterceptors().add(0, new ReplayRedirect(environment));
    }
    return bean;
  }

  @Override
  public ClientHttpResponse intercept(
      HttpRequest request, byte[] body, ClientHttpRequestExecution execution) throws IOException {
    Optional<ReplaySession> replaying = ReplaySession.replaying();
    URI uri = request.getURI();
    if (replaying.isEmpty() || isApplicationItself(uri)) {
      return execution.execute(request, body);
    }
    URI stub =
        URI.create(
            replaying.get().baseUri()
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    return execution.execute(
        new HttpRequestWrapper(request) {
          @Override
          public URI getURI() {
            return stub;
          }
        },
        body);
  }

  private boolean isApplicationItself(URI uri) {
    String port = environment.getProperty("local.server.port");
    if (port == null || !port.equals(Integer.toString(uri.getPort())) || uri.getHost() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(uri.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
