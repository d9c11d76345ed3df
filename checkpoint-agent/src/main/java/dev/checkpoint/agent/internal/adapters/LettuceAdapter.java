package dev.checkpoint.agent.internal.adapters;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.LettuceCheckpoints;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.event.command.CommandListener;
import java.util.function.UnaryOperator;

/**
 * Adds the Redis instrumentation's command listener to a Lettuce client the application just
 * created, before it connects: Lettuce gives a connection the listeners its client has when it
 * connects.
 */
public final class LettuceAdapter implements UnaryOperator<Object> {

  /** One for all clients: it holds no state of a client or connection. */
  private final CommandListener listener;

  /**
   * Creates the adapter.
   *
   * @param recorder the agent's recorder
   */
  public LettuceAdapter(Instrumenter recorder) {
    this.listener = LettuceCheckpoints.listener(recorder);
  }

  @Override
  public Object apply(Object target) {
    ((AbstractRedisClient) target).addListener(listener);
    return target;
  }
}
