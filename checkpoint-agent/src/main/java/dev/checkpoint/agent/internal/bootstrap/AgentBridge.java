package dev.checkpoint.agent.internal.bootstrap;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Checkpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.spi.MethodPlan;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only class the agent's advice calls. It is on the bootstrap class path with {@code
 * checkpoint-api}, so every class loader sees it, and it only forwards to the {@link AgentHooks}
 * the agent installs: a failure there never reaches the application.
 */
public final class AgentBridge {

  /** A JDBC connection from a {@code Driver} or a {@code DataSource}. */
  public static final String JDBC_CONNECTION = "jdbc.connection";

  /** An {@code okhttp3.OkHttpClient.Builder} about to build a client. */
  public static final String OKHTTP_BUILDER = "okhttp.builder";

  /** An Apache HttpClient 5 {@code HttpClientBuilder} about to build a classic client. */
  public static final String APACHE_HTTP_CLIENT_BUILDER = "apache.httpclient5.builder";

  /** A Spring {@code WebClient.Builder} about to build a client. */
  public static final String WEBCLIENT_BUILDER = "spring.webclient.builder";

  /** A {@code java.net.http.HttpClient} the JDK's builder just built. */
  public static final String JAVA_HTTP_CLIENT = "java.http.client";

  /** A {@code com.rabbitmq.client.ConnectionFactory} just constructed. */
  public static final String RABBITMQ_CONNECTION_FACTORY = "rabbitmq.connection.factory";

  /** A Lettuce {@code io.lettuce.core.AbstractRedisClient} just constructed. */
  public static final String LETTUCE_CLIENT = "lettuce.client";

  /**
   * What {@link #around} returns for a call that was made and returned {@code null} or nothing, so
   * that the original call is skipped all the same.
   */
  public static final Object NO_VALUE = new Object();

  private static volatile AgentHooks hooks;

  /**
   * Plans of {@code @Checkpoint} methods, by declaring class and then name and descriptor (or, for
   * a lambda's body, {@code interface#nameDescriptor} of the interface method it implements).
   */
  private static final ClassValue<Map<String, Planned>> PLANS =
      new ClassValue<>() {
        @Override
        protected Map<String, Planned> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private AgentBridge() {}

  /**
   * Installs the agent's hooks; called once, by the agent.
   *
   * @param installed the hooks
   */
  public static void install(AgentHooks installed) {
    hooks = installed;
  }

  /**
   * See {@link AgentHooks#wrap(String, Object)}; {@code target} itself when no hooks are installed
   * or they fail.
   *
   * @param point the instrumentation point
   * @param target the object, may be {@code null}
   * @return the object to use
   */
  public static Object wrap(String point, Object target) {
    AgentHooks current = hooks;
    if (current == null || target == null) {
      return target;
    }
    try {
      return current.wrap(point, target);
    } catch (RuntimeException | LinkageError e) {
      return target;
    }
  }

  /**
   * See {@link AgentHooks#serve(Object, Object, Object)}.
   *
   * @param servlet the servlet
   * @param request the request
   * @param response the response
   * @return whether the request was handled
   * @throws Exception what the servlet threw
   */
  public static boolean serve(Object servlet, Object request, Object response) throws Exception {
    AgentHooks current = hooks;
    return current != null && current.serve(servlet, request, response);
  }

  /**
   * See {@link AgentHooks#around(String, Object, Object[])}.
   *
   * @param method the called method, {@code declaringClass.name}
   * @param target the object called
   * @param arguments the arguments
   * @return what the call returned ({@link #NO_VALUE} for {@code null} or nothing), or {@code null}
   *     when the original call must run
   * @throws Exception what the call threw
   */
  public static Object around(String method, Object target, Object[] arguments) throws Exception {
    AgentHooks current = hooks;
    return current == null ? null : current.around(method, target, arguments);
  }

  /**
   * Starts the checkpoint of a call to a {@link Checkpoint} method (or one with an application's
   * own {@code @Checkpoint}) while recording is on.
   *
   * @param type the class that declares the method
   * @param nameAndDescriptor the method's name followed by its JVM descriptor; for a lambda's body,
   *     {@code interface#nameDescriptor} of the interface method it implements
   * @param args the arguments
   * @return the started checkpoint, or {@code null} when the call is not recorded
   */
  public static ActiveCheckpoint startMethod(
      Class<?> type, String nameAndDescriptor, Object[] args) {
    if (!Checkpoints.isEnabled()) {
      return null;
    }
    Planned planned = plan(type, nameAndDescriptor);
    if (planned == null) {
      return null;
    }
    // A lambda's body takes the values it captured before the interface method's arguments.
    int captured = args.length - planned.parameters();
    return planned
        .plan()
        .start(captured > 0 ? Arrays.copyOfRange(args, captured, args.length) : args);
  }

  /**
   * Ends the checkpoint {@link #startMethod} started.
   *
   * @param type the class that declares the method
   * @param nameAndDescriptor the method's name followed by its JVM descriptor; for a lambda's body,
   *     {@code interface#nameDescriptor} of the interface method it implements
   * @param checkpoint the started checkpoint
   * @param result what the method returned
   * @param error what it threw, or {@code null}
   */
  public static void endMethod(
      Class<?> type,
      String nameAndDescriptor,
      ActiveCheckpoint checkpoint,
      Object result,
      Throwable error) {
    Planned planned = plan(type, nameAndDescriptor);
    if (planned != null) {
      planned.plan().finish(checkpoint, result, error);
    } else {
      checkpoint.close();
    }
  }

  /** A method's plan and how many parameters the method has. */
  private record Planned(MethodPlan plan, int parameters) {}

  private static Planned plan(Class<?> type, String nameAndDescriptor) {
    Map<String, Planned> plans = PLANS.get(type);
    Planned planned = plans.get(nameAndDescriptor);
    if (planned == null) {
      int lambda = nameAndDescriptor.indexOf('#');
      planned =
          lambda < 0
              ? newPlan(type, nameAndDescriptor)
              : lambdaPlan(
                  type,
                  nameAndDescriptor.substring(0, lambda),
                  nameAndDescriptor.substring(lambda + 1));
      if (planned != null) {
        plans.put(nameAndDescriptor, planned);
      }
    }
    return planned;
  }

  /** A lambda's body in {@code type}, recorded as the interface method it implements. */
  private static Planned lambdaPlan(Class<?> type, String iface, String nameAndDescriptor) {
    try {
      return newPlan(Class.forName(iface, false, type.getClassLoader()), nameAndDescriptor);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Planned newPlan(Class<?> type, String nameAndDescriptor) {
    for (Method method : type.getDeclaredMethods()) {
      String descriptor =
          MethodType.methodType(method.getReturnType(), method.getParameterTypes())
              .toMethodDescriptorString();
      if (nameAndDescriptor.equals(method.getName() + descriptor)) {
        Checkpoint onMethod = CheckpointAnnotations.on(method);
        Checkpoint annotation = onMethod != null ? onMethod : onType(type, method);
        return annotation == null
            ? null
            : new Planned(
                MethodPlan.of(method, onMethod, annotation, type.getSimpleName()),
                method.getParameterCount());
      }
    }
    return null;
  }

  /** A class's annotation covers its public methods, as {@code Checkpoints.wrap} does. */
  private static Checkpoint onType(Class<?> type, Method method) {
    return Modifier.isPublic(method.getModifiers()) ? CheckpointAnnotations.on(type) : null;
  }
}
