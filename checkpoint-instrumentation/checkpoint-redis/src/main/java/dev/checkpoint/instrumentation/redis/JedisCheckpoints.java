package dev.checkpoint.instrumentation.redis;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.internal.RecordingConnection;
import dev.checkpoint.instrumentation.redis.internal.RecordingConnectionFactory;
import dev.checkpoint.instrumentation.redis.internal.RedisRecording;
import java.util.Objects;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * Records the Redis commands of Jedis (5 or later) as {@code CACHE} checkpoints, one per command:
 * alone, in a pipeline, or in a {@code MULTI} ... {@code EXEC} transaction (each marked with the
 * attribute {@code redis.transaction: queued} and answered with its element of {@code EXEC}'s
 * reply). Jedis has no listener of its own; every command goes through a {@link Connection}, so the
 * recording is a connection, for a single connection or a pool.
 *
 * <pre>{@code
 * HostAndPort redis = new HostAndPort("127.0.0.1", 6379);
 * JedisClientConfig config = DefaultJedisClientConfig.builder().build();
 * // a pool of recording connections
 * JedisPooled jedis = new JedisPooled(JedisCheckpoints.pooledConnections(redis, config, recorder));
 * // or one connection
 * Jedis single = new Jedis(JedisCheckpoints.connect(redis, config, recorder));
 * }</pre>
 *
 * <p>See {@code docs/instrumentation-redis.md} for the recorded input and output.
 */
public final class JedisCheckpoints {

  private JedisCheckpoints() {}

  /**
   * Opens a recording connection.
   *
   * @param address the server
   * @param config the client configuration (credentials, database, timeouts, protocol)
   * @param recorder where checkpoints are recorded
   * @return the connected connection
   */
  public static Connection connect(
      HostAndPort address, JedisClientConfig config, Instrumenter recorder) {
    return new RecordingConnection(
        Objects.requireNonNull(address, "address"),
        Objects.requireNonNull(config, "config"),
        recording(recorder));
  }

  /**
   * A pool factory of recording connections, for {@code new JedisPooled(factory)} or {@code new
   * JedisPooled(poolConfig, factory)}.
   *
   * @param address the server
   * @param config the client configuration (credentials, database, timeouts, protocol)
   * @param recorder where checkpoints are recorded
   * @return the factory
   */
  public static PooledObjectFactory<Connection> pooledConnections(
      HostAndPort address, JedisClientConfig config, Instrumenter recorder) {
    return new RecordingConnectionFactory(
        Objects.requireNonNull(address, "address"),
        Objects.requireNonNull(config, "config"),
        recording(recorder));
  }

  private static RedisRecording recording(Instrumenter recorder) {
    return new RedisRecording(Objects.requireNonNull(recorder, "recorder"));
  }
}
