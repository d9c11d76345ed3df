package dev.checkpoint.instrumentation.redis.internal;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * A Jedis connection that records each command it sends and its reply ({@link ConnectionCalls}).
 * The connection's own set-up ({@code HELLO}, {@code AUTH}, {@code SELECT}) runs in Jedis's
 * constructor, before this class's fields exist, and is not recorded.
 */
public final class RecordingConnection extends Connection {

  private final ConnectionCalls calls;

  /**
   * Connects.
   *
   * @param address the server
   * @param config the client configuration
   * @param recording where commands are recorded
   */
  public RecordingConnection(
      HostAndPort address, JedisClientConfig config, RedisRecording recording) {
    super(address, config);
    this.calls = new ConnectionCalls(recording);
  }

  @Override
  public void sendCommand(CommandArguments args) {
    if (calls == null) {
      // During Jedis's constructor.
      super.sendCommand(args);
    } else {
      calls.send(args, super::sendCommand);
    }
  }

  @Override
  protected Object readProtocolWithCheckingBroken() {
    return calls == null ? super.readProtocolWithCheckingBroken() : calls.read(this::readReply);
  }

  private Object readReply() {
    return super.readProtocolWithCheckingBroken();
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      if (calls != null) {
        calls.closed();
      }
    }
  }
}
