package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.agent.internal.JedisHandling;
import dev.checkpoint.agent.internal.bootstrap.AgentBridge;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.internal.ConnectionCalls;
import dev.checkpoint.instrumentation.redis.internal.RecordingConnection;
import dev.checkpoint.instrumentation.redis.internal.RedisRecording;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;

/**
 * Records a Jedis connection's commands as the Redis instrumentation's {@code RecordingConnection}
 * does, through {@link ConnectionCalls} of its own: every connection, a pool's included, sends each
 * command through {@code sendCommand(CommandArguments)} and reads each reply through {@code
 * readProtocolWithCheckingBroken()}. A connection gets its calls when its constructor returns; its
 * set-up ({@code initializeFromClientConfig}: {@code HELLO}, {@code AUTH}, {@code CLIENT SETINFO},
 * {@code SELECT}), in its constructor or when a pool's factory has built it, is not recorded. The
 * library's recording connection records itself and gets none.
 */
public final class JedisAdapter implements JedisHandling {

  private static final String SEND = ".sendCommand";

  private static final String SET_UP = ".initializeFromClientConfig";

  private static final Method READ = declared("readProtocolWithCheckingBroken");

  private static final Method INITIALIZE =
      declared("initializeFromClientConfig", JedisClientConfig.class);

  private final RedisRecording recording;

  /** The calls of each connection; a connection is used by one thread at a time. */
  private final Map<Connection, ConnectionCalls> calls =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Set while the adapter runs the connection's own method, so that that call runs as it is. */
  private final ThreadLocal<Boolean> running = new ThreadLocal<>();

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public JedisAdapter(Instrumenter recorder) {
    this.recording = new RedisRecording(recorder);
  }

  @Override
  public Object apply(Object target) {
    if (target instanceof Connection connection && !(target instanceof RecordingConnection)) {
      calls.putIfAbsent(connection, new ConnectionCalls(recording));
    }
    return target;
  }

  @Override
  public Object around(String method, Object target, Object[] arguments) {
    if (running.get() != null) {
      return null;
    }
    Connection connection = (Connection) target;
    boolean setUp = method.endsWith(SET_UP);
    ConnectionCalls connectionCalls = setUp ? null : calls.get(connection);
    if (!setUp && connectionCalls == null) {
      return null;
    }
    running.set(Boolean.TRUE);
    try {
      if (setUp) {
        invoke(INITIALIZE, connection, arguments);
        return AgentBridge.NO_VALUE;
      }
      if (method.endsWith(SEND)) {
        connectionCalls.send((CommandArguments) arguments[0], connection::sendCommand);
        return AgentBridge.NO_VALUE;
      }
      Object reply = connectionCalls.read(() -> invoke(READ, connection));
      return reply == null ? AgentBridge.NO_VALUE : reply;
    } finally {
      running.remove();
    }
  }

  private static Method declared(String name, Class<?>... parameters) {
    try {
      Method method = Connection.class.getDeclaredMethod(name, parameters);
      method.setAccessible(true);
      return method;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a Jedis Connection without " + name, e);
    }
  }

  private static Object invoke(Method method, Connection connection, Object... arguments) {
    try {
      return method.invoke(connection, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
