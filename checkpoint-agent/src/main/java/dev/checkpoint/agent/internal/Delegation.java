package dev.checkpoint.agent.internal;

/**
 * Makes a client call through the instrumentation's wrapper of the client, as {@link
 * dev.checkpoint.agent.internal.bootstrap.AgentHooks#around} says.
 */
public interface Delegation {

  /** For an application whose client the instrumentation could not be linked against. */
  Delegation NONE = (method, target, arguments) -> null;

  /**
   * Makes the call through the wrapper, unless it is the wrapper's own call.
   *
   * @param method the called method, {@code declaringClass.name}
   * @param target the client
   * @param arguments the call's arguments
   * @return what the call returned ({@code AgentBridge.NO_VALUE} for {@code null} or nothing), or
   *     {@code null} when the original call must run
   * @throws Exception what the call threw
   */
  Object around(String method, Object target, Object[] arguments) throws Exception;
}
