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
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

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
    if (args[0].equals("jedis")) {
      context.addServlet(new ServletHolder(new PipelineServlet(jedis(), args[1])), "/pipeline/*");
    }
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
    JedisPooled redis = jedis();
    return new Cache(redis::set, redis::get, redis::del);
  }

  private static JedisPooled jedis() {
    return new JedisPooled(
        new HostAndPort("127.0.0.1", 6379),
        DefaultJedisClientConfig.builder().clientName("redis-app").build());
  }

  /**
   * A Jedis pipeline kept open across requests, so that recording may switch between its sends and
   * its reads: {@code POST /pipeline/<key>/start} sends {@code SET} of the body and {@code GET} of
   * the key without reading their replies; {@code POST /pipeline/<key>/finish} gets the key again
   * through the pipeline, reads the three replies and answers with the last.
   */
  private static final class PipelineServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Pipeline pipeline;
    private final String prefix;

    PipelineServlet(JedisPooled redis, String prefix) {
      this.pipeline = redis.pipelined();
      this.prefix = prefix;
    }

    @Override
    protected synchronized void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String[] path = request.getPathInfo().substring(1).split("/");
      String key = prefix + path[0];
      String answer;
      if (path[1].equals("start")) {
        pipeline.set(
            key, new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        pipeline.get(key);
        answer = "{}";
      } else {
        // Sent before the two replies above are read: the connection's recorded calls start with
        // two replies that are not theirs.
        Response<String> again = pipeline.get(key);
        pipeline.sync();
        answer = again.get();
      }
      response.setContentType("application/json");
      response.getWriter().write(answer);
    }
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
