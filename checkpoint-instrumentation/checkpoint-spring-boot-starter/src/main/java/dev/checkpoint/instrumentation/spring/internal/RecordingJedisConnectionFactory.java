package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.JedisCheckpoints;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * A standalone {@link JedisConnectionFactory} whose {@code Jedis} objects talk through {@code
 * checkpoint-redis}'s recording connection ({@link JedisCheckpoints#connect}), pooled or not, so
 * that every command is a {@code CACHE} checkpoint as with Lettuce. Spring Data Redis builds its
 * {@code Jedis} objects itself; only a subclass can hand it others, so the starter puts one of
 * these, with the same configuration, in place of a plain factory bean.
 */
final class RecordingJedisConnectionFactory extends JedisConnectionFactory {

  private final HostAndPort address;
  private final JedisClientConfig clientConfig;
  private final Instrumenter recorder;

  RecordingJedisConnectionFactory(
      RedisStandaloneConfiguration standalone,
      JedisClientConfiguration client,
      Instrumenter recorder) {
    super(standalone, client);
    this.address = new HostAndPort(standalone.getHostName(), standalone.getPort());
    this.clientConfig = clientConfig(standalone, client);
    this.recorder = recorder;
  }

  /** What Spring Data Redis gives its own {@code Jedis} objects: the same settings. */
  private static JedisClientConfig clientConfig(
      RedisStandaloneConfiguration standalone, JedisClientConfiguration client) {
    DefaultJedisClientConfig.Builder builder =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(Math.toIntExact(client.getConnectTimeout().toMillis()))
            .socketTimeoutMillis(Math.toIntExact(client.getReadTimeout().toMillis()))
            .database(standalone.getDatabase())
            .user(standalone.getUsername())
            .ssl(client.isUseSsl());
    standalone.getPassword().toOptional().map(String::new).ifPresent(builder::password);
    client.getClientName().ifPresent(builder::clientName);
    client.getSslSocketFactory().ifPresent(builder::sslSocketFactory);
    client.getSslParameters().ifPresent(builder::sslParameters);
    client.getHostnameVerifier().ifPresent(builder::hostnameVerifier);
    client.getCustomizer().ifPresent(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Override
  protected Pool<Jedis> createRedisPool() {
    return new JedisPool(this.<Jedis>getPoolConfig(), new Connections());
  }

  @Override
  protected Jedis fetchJedisConnector() {
    if (getUsePool()) {
      return super.fetchJedisConnector();
    }
    try {
      return new Jedis(JedisCheckpoints.connect(address, clientConfig, recorder));
    } catch (JedisException e) {
      throw new RedisConnectionFailureException("Cannot get Jedis connection", e);
    }
  }

  /** The pool's objects: a {@code Jedis} on a recording connection each. */
  private final class Connections implements PooledObjectFactory<Jedis> {

    @Override
    public PooledObject<Jedis> makeObject() {
      return new DefaultPooledObject<>(
          new Jedis(JedisCheckpoints.connect(address, clientConfig, recorder)));
    }

    @Override
    public void destroyObject(PooledObject<Jedis> pooled) {
      // The connection itself: closing the Jedis would hand it back to the pool destroying it.
      pooled.getObject().getConnection().close();
    }

    @Override
    public boolean validateObject(PooledObject<Jedis> pooled) {
      // No PING: the pool's idle checks would each be recorded as a command of their own.
      return pooled.getObject().getConnection().isConnected();
    }

    @Override
    public void activateObject(PooledObject<Jedis> pooled) {}

    @Override
    public void passivateObject(PooledObject<Jedis> pooled) {}
  }
}
