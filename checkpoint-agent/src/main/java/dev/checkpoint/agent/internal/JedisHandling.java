package dev.checkpoint.agent.internal;

import java.util.function.UnaryOperator;

/**
 * Records Jedis connections: {@link #apply} gives a connection just set up its recorded calls,
 * {@link #around} runs its sends and reads through them.
 */
public interface JedisHandling extends Delegation, UnaryOperator<Object> {

  /** For an application whose Jedis the instrumentation could not be linked against. */
  JedisHandling NONE =
      new JedisHandling() {
        @Override
        public Object around(String method, Object target, Object[] arguments) {
          return null;
        }

        @Override
        public Object apply(Object connection) {
          return connection;
        }
      };
}
