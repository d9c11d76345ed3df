package example.webclient;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A servlet service with no Checkpoint code that asks a supplier for a quote through Spring's
 * {@code WebClient}, built once at start-up as services do, on Reactor Netty (Spring's default) or
 * on the JDK's {@code HttpClient}. {@code GET /quote} posts {@code {"plant":"Fern"}} to the
 * supplier's {@code /echo} and answers with the supplier's body. The tests start it in a JVM with
 * the agent.
 */
public final class WebClientApp {

  private WebClientApp() {}

  /**
   * Starts the service on a free port and prints {@code port=<n>}.
   *
   * @param args the supplier's base URL, then {@code reactor-netty} or {@code jdk}
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    WebClient.Builder builder = WebClient.builder().baseUrl(args[0]);
    if (args[1].equals("jdk")) {
      builder.clientConnector(new JdkClientHttpConnector());
    }
    WebClient supplier = builder.build();
    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new QuoteServlet(supplier)), "/quote");
    server.setHandler(context);
    server.start();
    System.out.println("port=" + server.getURI().getPort());
    server.join();
  }

  private static final class QuoteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient WebClient supplier;

    QuoteServlet(WebClient supplier) {
      this.supplier = supplier;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String quote =
          supplier
              .post()
              .uri("/echo")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue("{\"plant\":\"Fern\"}")
              .retrieve()
              .bodyToMono(String.class)
              .block(Duration.ofSeconds(20));
      response.setContentType("application/json");
      response.getWriter().write(quote);
    }
  }
}
