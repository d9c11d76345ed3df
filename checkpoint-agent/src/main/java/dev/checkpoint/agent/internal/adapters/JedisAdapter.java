package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.agent.internal.Delegation;
import dev.checkpoint.agent.internal.JedisConnectionFields;
import dev.checkpoint.agent.internal.bootstrap.AgentBridge;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.internal.ConnectionCalls;
import dev.checkpoint.instrumentation.redis.internal.RedisRecording;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;

/**
 * Records a Jedis connection's commands as the Redis instrumentation's {@code RecordingConnection}
 * does, through {@link ConnectionCalls} of its own: every connection, a pool's included, sends each
 * command through {@code sendCommand(CommandArguments)} and reads each reply through {@code
 * readProtocolWithCheckingBroken()}. The advice calls it only while recording is on or the
 * connection has a recorded command in flight; otherwise it counts the command in a field the agent
 * added to the connection ({@code JedisConnectionFields}), and the connection's calls start from
 * that count. A connection's calls are kept in the other field while they have a recorded command
 * or a transaction in flight, or recording is on, and dropped after, so that the connection costs
 * the advice alone again once recording is off. Its set-up ({@code initializeFromClientConfig}:
 * {@code HELLO}, {@code AUTH}, {@code CLIENT SETINFO}, {@code SELECT}), in its constructor or when
 * a pool's factory has built it, is not recorded; nor is the library's recording connection, which
 * records itself.
 */
public final class JedisAdapter implements Delegation {

  private static final String SEND = ".sendCommand";

  private static final String SET_UP = ".initializeFromClientConfig";

  /**
   * The library's recording connection, the application's copy (whose package the shade plugin does
   * not relocate in this string, which does not start with it) or the agent's.
   */
  private static final String LIBRARY_CONNECTION = ".redis.internal.RecordingConnection";

  private static final Method READ = declared("readProtocolWithCheckingBroken");

  private static final Method INITIALIZE =
      declared("initializeFromClientConfig", JedisClientConfig.class);

  private static final VarHandle CALLS = field(JedisConnectionFields.CALLS, Object.class);

  private static final VarHandle UNREAD = field(JedisConnectionFields.UNREAD, int.class);

  private final RedisRecording recording;

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
  public Object around(String method, Object target, Object[] arguments) {
    if (running.get() != null || target.getClass().getName().endsWith(LIBRARY_CONNECTION)) {
      return null;
    }
    Connection connection = (Connection) target;
    if (method.endsWith(SET_UP)) {
      running.set(Boolean.TRUE);
      try {
        invoke(INITIALIZE, connection, arguments);
        return AgentBridge.NO_VALUE;
      } finally {
        running.remove();
      }
    }
    ConnectionCalls calls = (ConnectionCalls) CALLS.get(connection);
    if (calls == null) {
      calls = new ConnectionCalls(recording, (int) UNREAD.get(connection));
      UNREAD.set(connection, 0);
      CALLS.set(connection, calls);
    }
    running.set(Boolean.TRUE);
    try {
      if (method.endsWith(SEND)) {
        calls.send((CommandArguments) arguments[0], connection::sendCommand);
        return AgentBridge.NO_VALUE;
      }
      Object reply = calls.read(() -> invoke(READ, connection));
      return reply == null ? AgentBridge.NO_VALUE : reply;
    } finally {
      running.remove();
      int unread = calls.unrecordedOnly();
      if (unread >= 0 && !recording.isEnabled()) {
        UNREAD.set(connection, unread);
        CALLS.set(connection, null);
      }
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

  private static VarHandle field(String name, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(Connection.class, MethodHandles.lookup())
          .findVarHandle(Connection.class, name, type);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "a Jedis Connection without the agent's field " + name + " (loaded before the agent?)",
          e);
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
