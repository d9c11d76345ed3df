package example.redis;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * A service with no Checkpoint code that caches in Redis with a plain {@code JedisPooled}. {@code
 * PUT /cache/<key>} stores the body under the key (with the prefix the test gives), reads it back
 * and deletes it, answering with what it read. The tests start it in a JVM with the agent.
 */
public final class JedisApp {

  private JedisApp() {}

  /**
   * Starts the service on a free port, with Redis at 127.0.0.1:6379, and prints {@code port=<n>}.
   *
   * @param args the key prefix
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    JedisPooled redis =
        new JedisPooled(
            new HostAndPort("127.0.0.1", 6379),
            DefaultJedisClientConfig.builder().clientName("jedis-app").build());
    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new CacheServlet(redis, args[0])), "/cache/*");
    server.setHandler(context);
    server.start();
    System.out.println("port=" + server.getURI().getPort());
    server.join();
  }

  private static final class CacheServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient JedisPooled redis;
    private final String prefix;

    CacheServlet(JedisPooled redis, String prefix) {
      this.redis = redis;
      this.prefix = prefix;
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String key = prefix + request.getPathInfo().substring(1);
      redis.set(key, new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      String cached = redis.get(key);
      redis.del(key);
      String missing = redis.get(key);
      response.setStatus(missing == null ? 200 : 500);
      response.setContentType("application/json");
      response.getWriter().write(cached);
    }
  }
}
