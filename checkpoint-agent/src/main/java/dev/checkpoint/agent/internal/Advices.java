package dev.checkpoint.agent.internal;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.agent.internal.bootstrap.AgentBridge;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice the agent inlines into application and library classes. Their code may only use the
 * bootstrap class path: the JDK, {@code checkpoint-api} and {@link AgentBridge}.
 */
final class Advices {

  private Advices() {}

  /** Around every {@code jakarta.servlet.Servlet#service(ServletRequest, ServletResponse)}. */
  static final class ServletService {

    private ServletService() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static boolean enter(
        @Advice.This Object servlet,
        @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object response)
        throws Exception {
      return AgentBridge.serve(servlet, request, response);
    }
  }

  /**
   * Before a client method that the instrumentation records through a wrapper of the client (a
   * Kafka producer's {@code send}, a consumer's {@code poll}, a Jedis connection's sends and
   * reads): the wrapper makes the call, and calls the method again, which then runs as it is. With
   * {@link DelegatedResult} for a method that returns a value.
   */
  static final class Delegated {

    private Delegated() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(
        @Advice.Origin("#t.#m") String method,
        @Advice.This Object target,
        @Advice.AllArguments Object[] arguments)
        throws Exception {
      return AgentBridge.around(method, target, arguments);
    }
  }

  /** After a {@link Delegated} method: what the wrapper's call returned, when it made it. */
  static final class DelegatedResult {

    private DelegatedResult() {}

    @Advice.OnMethodExit
    static void exit(
        @Advice.Enter Object delegated,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
      if (delegated != null) {
        returned = delegated == AgentBridge.NO_VALUE ? null : delegated;
      }
    }
  }

  /**
   * After a Lettuce {@code AbstractRedisClient} constructor ({@code RedisClient}, {@code
   * RedisClusterClient}), before the application connects.
   */
  static final class LettuceClientCreated {

    private LettuceClientCreated() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object client) {
      AgentBridge.wrap(AgentBridge.LETTUCE_CLIENT, client);
    }
  }

  /**
   * Before Jedis's {@code Connection#sendCommand(CommandArguments)}. While recording is off and the
   * connection has no recorded command in flight, the command is counted in the connection's own
   * field and sent as it is; otherwise it goes through the connection's recorded calls, as {@link
   * Delegated}.
   */
  static final class JedisSend {

    private JedisSend() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(
        @Advice.Origin("#t.#m") String method,
        @Advice.This Object connection,
        @Advice.Argument(0) Object command,
        @JedisConnectionFields.Calls Object calls,
        @JedisConnectionFields.Unread int unread)
        throws Exception {
      if (calls == null && !Checkpoints.isEnabled()) {
        unread++;
        return null;
      }
      return AgentBridge.around(method, connection, new Object[] {command});
    }
  }

  /**
   * Before Jedis's {@code Connection#readProtocolWithCheckingBroken()}, with {@link
   * DelegatedResult}: with no recorded command in flight the reply is one of a command sent
   * unrecorded, counted off and read as it is.
   */
  static final class JedisRead {

    private JedisRead() {}

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
    static Object enter(
        @Advice.Origin("#t.#m") String method,
        @Advice.This Object connection,
        @JedisConnectionFields.Calls Object calls,
        @JedisConnectionFields.Unread int unread)
        throws Exception {
      if (calls == null) {
        if (unread > 0) {
          unread--;
        }
        return null;
      }
      return AgentBridge.around(method, connection, new Object[0]);
    }
  }

  /** After {@code Driver#connect} and {@code DataSource#getConnection}. */
  static final class ConnectionReturned {

    private ConnectionReturned() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object connection) {
      connection = AgentBridge.wrap(AgentBridge.JDBC_CONNECTION, connection);
    }
  }

  /** After {@code java.net.http.HttpClient.Builder#build} in the JDK's implementation. */
  static final class JavaHttpClientBuilt {

    private JavaHttpClientBuilt() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object client) {
      client = AgentBridge.wrap(AgentBridge.JAVA_HTTP_CLIENT, client);
    }
  }

  /** Before Apache HttpClient 5's {@code HttpClientBuilder#build} assembles its chain. */
  static final class ApacheHttpClientBuilt {

    private ApacheHttpClientBuilt() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object builder) {
      AgentBridge.wrap(AgentBridge.APACHE_HTTP_CLIENT_BUILDER, builder);
    }
  }

  /** Before Spring's {@code DefaultWebClientBuilder#build} copies its filters into the client. */
  static final class WebClientBuilt {

    private WebClientBuilt() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object builder) {
      AgentBridge.wrap(AgentBridge.WEBCLIENT_BUILDER, builder);
    }
  }

  /** Before the {@code okhttp3.OkHttpClient(Builder)} constructor copies the builder. */
  static final class OkHttpClientBuilt {

    private OkHttpClientBuilt() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object builder) {
      AgentBridge.wrap(AgentBridge.OKHTTP_BUILDER, builder);
    }
  }

  /**
   * After a {@code com.rabbitmq.client.ConnectionFactory} constructor, before the application
   * configures the factory, so that a collector it sets itself replaces the agent's.
   */
  static final class RabbitMqConnectionFactoryCreated {

    private RabbitMqConnectionFactoryCreated() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object factory) {
      AgentBridge.wrap(AgentBridge.RABBITMQ_CONNECTION_FACTORY, factory);
    }
  }

  /**
   * The method a {@code @Checkpoint} checkpoint is planned from, as {@link AgentBridge#startMethod}
   * reads it: the instrumented method's name and descriptor, or for a lambda's body the interface
   * method it implements ({@link LambdaBodies}).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.PARAMETER)
  @interface Called {}

  /** Around a {@code @Checkpoint} method, or the body of a lambda that implements one. */
  static final class CheckpointMethod {

    private CheckpointMethod() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static ActiveCheckpoint enter(
        @Advice.Origin Class<?> type, @Called String method, @Advice.AllArguments Object[] args) {
      // Checked before the arguments are read: inlined, reading them builds their array.
      if (!Checkpoints.isEnabled()) {
        return null;
      }
      return AgentBridge.startMethod(type, method, args);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.Origin Class<?> type,
        @Called String method,
        @Advice.Enter ActiveCheckpoint checkpoint,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable error) {
      if (checkpoint != null) {
        AgentBridge.endMethod(type, method, checkpoint, result, error);
      }
    }
  }
}
