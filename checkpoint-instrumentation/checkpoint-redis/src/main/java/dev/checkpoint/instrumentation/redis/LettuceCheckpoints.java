package dev.checkpoint.instrumentation.redis;

import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.instrumentation.redis.internal.LettuceCommandListener;
import dev.checkpoint.instrumentation.redis.internal.RedisRecording;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.event.command.CommandListener;
import java.util.Objects;

/**
 * Records the Redis commands of a Lettuce client (6.1 or later) as {@code CACHE} checkpoints, one
 * per command, through Lettuce's own {@link CommandListener}: synchronous, asynchronous, reactive
 * and pipelined commands alike, and those of a {@code MULTI} ... {@code EXEC} transaction (each
 * marked with the attribute {@code redis.transaction: queued} and answered with its element of
 * {@code EXEC}'s reply).
 *
 * <pre>{@code
 * RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
 * LettuceCheckpoints.register(client, recorder);
 * try (StatefulRedisConnection<String, String> connection = client.connect()) {
 *   connection.sync().get("price:42");
 * }
 * }</pre>
 *
 * <p>Register before connecting: Lettuce gives a connection the listeners its client has when it
 * connects. See {@code docs/instrumentation-redis.md} for the recorded input and output.
 */
public final class LettuceCheckpoints {

  private LettuceCheckpoints() {}

  /**
   * Adds the recording listener to a client ({@code RedisClient} or {@code RedisClusterClient}).
   *
   * @param client the application's client, before it connects
   * @param recorder where checkpoints are recorded
   * @return the listener, for {@link AbstractRedisClient#removeListener(CommandListener)}
   */
  public static CommandListener register(AbstractRedisClient client, Instrumenter recorder) {
    Objects.requireNonNull(client, "client");
    CommandListener listener = listener(recorder);
    client.addListener(listener);
    return listener;
  }

  /**
   * The recording listener on its own, for a client built elsewhere.
   *
   * @param recorder where checkpoints are recorded
   * @return the listener
   */
  public static CommandListener listener(Instrumenter recorder) {
    Objects.requireNonNull(recorder, "recorder");
    return new LettuceCommandListener(new RedisRecording(recorder));
  }
}
