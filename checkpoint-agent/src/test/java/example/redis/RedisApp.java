package example.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * A service with no Checkpoint code that caches in Redis at 127.0.0.1:6379 with a plain {@code
 * JedisPooled} or Lettuce {@code RedisClient}. {@code PUT /cache/<key>} stores the body under the
 * key (with the prefix the test gives), reads it back, deletes it and reads it again, answering
 * with what it read first. The tests start it in a JVM with the agent.
 */
public final class RedisApp {

  private RedisApp() {}

  /** The commands the service runs, whichever client runs them. */
  private record Cache(
      BiConsumer<String, String> set, UnaryOperator<String> get, Consumer<String> del) {}

  /**
   * Starts the service on a free port and prints {@code port=<n>}.
   *
   * @param args {@code jedis} or {@code lettuce}, then the key prefix
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new CacheServlet(cache(args[0]), args[1])), "/cache/*");
    server.setHandler(context);
    server.start();
    System.out.println("port=" + server.getURI().getPort());
    server.join();
  }

  private static Cache cache(String client) {
    if (client.equals("lettuce")) {
      RedisCommands<String, String> redis =
          RedisClient.create("redis://127.0.0.1:6379").connect().sync();
      return new Cache(redis::set, redis::get, redis::del);
    }
    JedisPooled redis =
        new JedisPooled(
            new HostAndPort("127.0.0.1", 6379),
            DefaultJedisClientConfig.builder().clientName("redis-app").build());
    return new Cache(redis::set, redis::get, redis::del);
  }

  private static final class CacheServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Cache cache;
    private final String prefix;

    CacheServlet(Cache cache, String prefix) {
      this.cache = cache;
      this.prefix = prefix;
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String key = prefix + request.getPathInfo().substring(1);
      cache
          .set()
          .accept(key, new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      String cached = cache.get().apply(key);
      cache.del().accept(key);
      String missing = cache.get().apply(key);
      response.setStatus(missing == null ? 200 : 500);
      response.setContentType("application/json");
      response.getWriter().write(cached);
    }
  }
}
