package dev.checkpoint.agent.internal;

import dev.checkpoint.agent.internal.bootstrap.AgentBridge;
import dev.checkpoint.agent.internal.bootstrap.AgentHooks;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;

/**
 * Hands each instrumentation point to the existing instrumentation: the JDBC wrapper directly, the
 * ones compiled against an application library through an adapter loaded next to that library
 * ({@link HelperClassLoader}).
 */
final class HookDispatcher implements AgentHooks {

  private static final InstrumentationLog LOG =
      new InstrumentationLog(HookDispatcher.class.getName());

  private static final String ADAPTERS = "dev.checkpoint.agent.internal.adapters.";

  private final Instrumenter recorder;
  private final UnaryOperator<Object> connections;
  private final LazyExporter exporter;

  /**
   * Whether the control endpoint is served, so that requests are looked at while recording is off.
   */
  private final boolean controlEnabled;

  /** Helper class loaders by application class loader; guarded by itself. */
  private final Map<ClassLoader, HelperClassLoader> helpers = new WeakHashMap<>();

  private final ClassValue<ServletHandling> servlets =
      new ClassValue<>() {
        @Override
        protected ServletHandling computeValue(Class<?> servletType) {
          return adapter(
              servletType, "ServletAdapter", ServletHandling.class, ServletHandling.NONE);
        }
      };

  private final ClassValue<UnaryOperator<Object>> okHttpBuilders =
      new ClassValue<>() {
        @Override
        protected UnaryOperator<Object> computeValue(Class<?> builderType) {
          return adapter(
              builderType, "OkHttpAdapter", UnaryOperator.class, UnaryOperator.identity());
        }
      };

  private final ClassValue<UnaryOperator<Object>> javaHttpClients =
      new ClassValue<>() {
        @Override
        protected UnaryOperator<Object> computeValue(Class<?> clientType) {
          return adapter(
              clientType, "JavaHttpClientAdapter", UnaryOperator.class, UnaryOperator.identity());
        }
      };

  private final ClassValue<UnaryOperator<Object>> apacheBuilders =
      new ClassValue<>() {
        @Override
        protected UnaryOperator<Object> computeValue(Class<?> builderType) {
          return adapter(
              builderType,
              "ApacheHttpClientAdapter",
              UnaryOperator.class,
              UnaryOperator.identity());
        }
      };

  private final ClassValue<UnaryOperator<Object>> webClientBuilders =
      new ClassValue<>() {
        @Override
        protected UnaryOperator<Object> computeValue(Class<?> builderType) {
          return adapter(
              builderType, "WebClientAdapter", UnaryOperator.class, UnaryOperator.identity());
        }
      };

  private final ClassValue<UnaryOperator<Object>> rabbitMqFactories =
      new ClassValue<>() {
        @Override
        protected UnaryOperator<Object> computeValue(Class<?> factoryType) {
          return adapter(
              factoryType, "RabbitMqAdapter", UnaryOperator.class, UnaryOperator.identity());
        }
      };

  private final ClassValue<Delegation> kafkaClients =
      new ClassValue<>() {
        @Override
        protected Delegation computeValue(Class<?> clientType) {
          return adapter(clientType, "KafkaAdapter", Delegation.class, Delegation.NONE);
        }
      };

  private final ClassValue<UnaryOperator<Object>> lettuceClients =
      new ClassValue<>() {
        @Override
        protected UnaryOperator<Object> computeValue(Class<?> clientType) {
          return adapter(
              clientType, "LettuceAdapter", UnaryOperator.class, UnaryOperator.identity());
        }
      };

  private final ClassValue<Delegation> jedisConnections =
      new ClassValue<>() {
        @Override
        protected Delegation computeValue(Class<?> connectionType) {
          return adapter(connectionType, "JedisAdapter", Delegation.class, Delegation.NONE);
        }
      };

  HookDispatcher(Instrumenter recorder, LazyExporter exporter) {
    this.recorder = recorder;
    this.exporter = exporter;
    this.connections = new JdbcConnections(recorder);
    this.controlEnabled =
        recorder instanceof CheckpointRecorder checkpoints && checkpoints.control().isEnabled();
  }

  @Override
  public Object wrap(String point, Object target) {
    return switch (point) {
      case AgentBridge.JDBC_CONNECTION -> connections.apply(target);
      case AgentBridge.OKHTTP_BUILDER -> okHttpBuilders.get(target.getClass()).apply(target);
      case AgentBridge.JAVA_HTTP_CLIENT ->
          exporter.isCreatingOnThisThread()
              ? target
              : javaHttpClients.get(target.getClass()).apply(target);
      case AgentBridge.APACHE_HTTP_CLIENT_BUILDER ->
          apacheBuilders.get(target.getClass()).apply(target);
      case AgentBridge.WEBCLIENT_BUILDER -> webClientBuilders.get(target.getClass()).apply(target);
      case AgentBridge.LETTUCE_CLIENT -> lettuceClients.get(target.getClass()).apply(target);
      case AgentBridge.RABBITMQ_CONNECTION_FACTORY ->
          rabbitMqFactories.get(target.getClass()).apply(target);
      default -> target;
    };
  }

  @Override
  public boolean serve(Object servlet, Object request, Object response) throws Exception {
    return (recorder.isEnabled() || controlEnabled)
        && servlets.get(servlet.getClass()).serve(servlet, request, response);
  }

  @Override
  public Object around(String method, Object target, Object[] arguments) throws Exception {
    if (method.startsWith(Instrumentations.JEDIS_CONNECTION)) {
      // Also while recording is off: a connection with recorded commands in flight pairs each
      // reply with its command (the advice lets the others through itself).
      return jedisConnections.get(target.getClass()).around(method, target, arguments);
    }
    return recorder.isEnabled()
        ? kafkaClients.get(target.getClass()).around(method, target, arguments)
        : null;
  }

  @SuppressWarnings("unchecked")
  private <T> T adapter(Class<?> applicationType, String adapter, Class<?> as, T fallback) {
    try {
      ClassLoader application = applicationType.getClassLoader();
      ClassLoader loader;
      synchronized (helpers) {
        loader =
            helpers.computeIfAbsent(
                application,
                app -> new HelperClassLoader(app, HookDispatcher.class.getClassLoader()));
      }
      Object created =
          Class.forName(ADAPTERS + adapter, true, loader)
              .getConstructor(Instrumenter.class)
              .newInstance(recorder);
      return (T) as.cast(created);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.failed(
          "Applying the "
              + adapter
              + " instrumentation to "
              + applicationType.getName()
              + " (its calls are not recorded)",
          e);
      return fallback;
    }
  }
}
