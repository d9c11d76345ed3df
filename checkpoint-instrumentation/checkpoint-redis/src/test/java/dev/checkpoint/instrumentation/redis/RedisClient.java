package dev.checkpoint.instrumentation.redis;

import java.util.List;
import java.util.Map;

/**
 * What the test kit asks of a Redis client: the commands it checks, each sent the client's usual
 * way. Closing it closes the connection.
 */
interface RedisClient extends AutoCloseable {

  String set(String key, String value);

  String get(String key);

  long hset(String key, Map<String, String> fields);

  Map<String, String> hgetall(String key);

  long rpush(String key, String... values);

  List<String> lrange(String key);

  long incr(String key);

  long del(String... keys);

  /** {@code MULTI}, {@code SET key value}, {@code INCR counter}, {@code EXEC}: EXEC's results. */
  List<Object> setAndIncrementInTransaction(String key, String value, String counter);

  /** {@code MULTI}, {@code SET key value}, {@code DISCARD}. */
  void setInDiscardedTransaction(String key, String value);

  /** One {@code GET} per key, sent together before any reply is read. */
  default List<String> pipelinedGets(String... keys) {
    return pipelinedGets(() -> {}, keys);
  }

  /** As {@link #pipelinedGets(String...)}, running {@code beforeLast} before the last GET. */
  List<String> pipelinedGets(Runnable beforeLast, String... keys);

  @Override
  void close();
}
