package dev.checkpoint.instrumentation.redis.internal;

import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/** Jedis's pool factory, making {@link RecordingConnection}s; validation and closing unchanged. */
public final class RecordingConnectionFactory extends ConnectionFactory {

  private final HostAndPort address;
  private final JedisClientConfig config;
  private final RedisRecording recording;

  /**
   * Creates the factory.
   *
   * @param address the server
   * @param config the client configuration
   * @param recording where commands are recorded
   */
  public RecordingConnectionFactory(
      HostAndPort address, JedisClientConfig config, RedisRecording recording) {
    super(address, config);
    this.address = address;
    this.config = config;
    this.recording = recording;
  }

  @Override
  public PooledObject<Connection> makeObject() {
    return new DefaultPooledObject<>(new RecordingConnection(address, config, recording));
  }
}
