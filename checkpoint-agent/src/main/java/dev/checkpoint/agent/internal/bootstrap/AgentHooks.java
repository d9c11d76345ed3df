package dev.checkpoint.agent.internal.bootstrap;

/**
 * What the agent does at the points its advice reaches, implemented by the agent's own class
 * loader. The advice is inlined into application and library classes, which see only the bootstrap
 * class loader's classes besides their own: it calls {@link AgentBridge}, which hands the call to
 * the installed hooks.
 */
public interface AgentHooks {

  /**
   * Gives the object the application uses in place of one it just built or obtained: a recording
   * JDBC connection for a driver's, a client builder with the Checkpoint interceptor added.
   *
   * @param point which instrumentation point, one of {@link AgentBridge}'s constants
   * @param target the object, never {@code null}
   * @return the object to use; {@code target} when there is nothing to do
   */
  Object wrap(String point, Object target);

  /**
   * Handles a servlet request through the servlet instrumentation's filter, which calls {@code
   * servlet.service} itself, when the request is recorded.
   *
   * @param servlet the {@code jakarta.servlet.Servlet}
   * @param request the request
   * @param response the response
   * @return whether the request was handled, so that the original call must be skipped
   * @throws Exception what the servlet threw
   */
  boolean serve(Object servlet, Object request, Object response) throws Exception;

  /**
   * Makes a call the application made through the instrumentation's wrapper of {@code target},
   * which calls {@code target} again, when the call is recorded.
   *
   * @param method the called method, {@code declaringClass.name}, such as {@code
   *     org.apache.kafka.clients.producer.KafkaProducer.send}
   * @param target the object called
   * @param arguments the call's arguments
   * @return what the call returned, so that the original call must be skipped ({@link
   *     AgentBridge#NO_VALUE} for {@code null} or nothing); {@code null} when the original call
   *     must run (recording off, or the call the wrapper makes)
   * @throws Exception what the call threw
   */
  Object around(String method, Object target, Object[] arguments) throws Exception;
}
