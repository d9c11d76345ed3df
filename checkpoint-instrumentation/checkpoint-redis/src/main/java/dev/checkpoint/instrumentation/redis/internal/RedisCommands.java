package dev.checkpoint.instrumentation.redis.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which arguments of a Redis command are keys, as Redis's own key specifications say for the
 * commands applications send most. The same table serves both clients, so that a command records
 * the same input whether Lettuce or Jedis sent it. A command not listed takes its first argument as
 * its key, which is what most data commands ({@code GET}, {@code HSET}, {@code LPUSH}, ...) do.
 */
final class RedisCommands {

  /** Commands whose arguments are all keys. */
  private static final Set<String> ALL_KEYS =
      Set.of(
          "DEL", "UNLINK", "EXISTS", "TOUCH", "MGET", "WATCH", "SINTER", "SUNION", "SDIFF",
          "PFCOUNT");

  /** Commands whose arguments are key, value, key, value, ... */
  private static final Set<String> KEY_VALUE_PAIRS = Set.of("MSET", "MSETNX");

  /** Commands whose second argument counts the keys that follow: a script or function first. */
  private static final Set<String> NUMBERED_KEYS =
      Set.of("EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO");

  /** Commands without keys: connection, server, transaction and pub/sub commands. */
  private static final Set<String> NO_KEYS =
      Set.of(
          "PING",
          "ECHO",
          "AUTH",
          "HELLO",
          "SELECT",
          "QUIT",
          "RESET",
          "CLIENT",
          "MULTI",
          "EXEC",
          "DISCARD",
          "UNWATCH",
          "INFO",
          "DBSIZE",
          "FLUSHDB",
          "FLUSHALL",
          "CONFIG",
          "COMMAND",
          "SCAN",
          "KEYS",
          "RANDOMKEY",
          "TIME",
          "SCRIPT",
          "FUNCTION",
          "PUBLISH",
          "SPUBLISH",
          "SUBSCRIBE",
          "PSUBSCRIBE",
          "SSUBSCRIBE",
          "UNSUBSCRIBE",
          "PUNSUBSCRIBE",
          "PUBSUB",
          "SAVE",
          "BGSAVE",
          "LASTSAVE",
          "ROLE",
          "CLUSTER",
          "READONLY",
          "READWRITE",
          "WAIT",
          "SLOWLOG",
          "MEMORY",
          "LATENCY",
          "MODULE",
          "ACL",
          "DEBUG",
          "SWAPDB",
          "MONITOR",
          "REPLICAOF");

  /** Commands whose arguments carry credentials: recorded as redacted whatever their keys. */
  private static final Set<String> CREDENTIALS = Set.of("AUTH", "HELLO", "MIGRATE", "ACL");

  /** Commands whose arguments after the key are field, value pairs of a hash. */
  private static final Set<String> HASH_FIELDS = Set.of("HSET", "HMSET", "HSETNX");

  /** Commands whose reply is a map, sent by RESP2 as an array of key, value, key, value, ... */
  private static final Set<String> MAP_REPLIES = Set.of("HGETALL", "CONFIG");

  /** The commands that open and close a transaction. */
  private static final Set<String> TRANSACTION = Set.of("MULTI", "EXEC", "DISCARD");

  private RedisCommands() {}

  /** The command's name as Redis spells it in its documentation, upper case. */
  static String name(String raw) {
    return raw.toUpperCase(Locale.ROOT);
  }

  /**
   * Whether each argument is a key.
   *
   * @param command the command name, upper case
   * @param arguments the arguments after the command name, as text or bytes
   * @return one flag per argument
   */
  static boolean[] keyPositions(String command, List<?> arguments) {
    boolean[] keys = new boolean[arguments.size()];
    if (arguments.isEmpty() || NO_KEYS.contains(command)) {
      return keys;
    }
    if (ALL_KEYS.contains(command)) {
      java.util.Arrays.fill(keys, true);
    } else if (KEY_VALUE_PAIRS.contains(command)) {
      for (int i = 0; i < keys.length; i += 2) {
        keys[i] = true;
      }
    } else if (NUMBERED_KEYS.contains(command)) {
      int count = arguments.size() > 1 ? numberOrZero(arguments.get(1)) : 0;
      for (int i = 2; i < keys.length && i < 2 + count; i++) {
        keys[i] = true;
      }
    } else {
      keys[0] = true;
    }
    return keys;
  }

  static boolean carriesCredentials(String command) {
    return CREDENTIALS.contains(command);
  }

  static boolean repliesWithMap(String command) {
    return MAP_REPLIES.contains(command);
  }

  static boolean isTransaction(String command) {
    return TRANSACTION.contains(command);
  }

  static boolean setsHashFields(String command) {
    return HASH_FIELDS.contains(command);
  }

  private static int numberOrZero(Object argument) {
    String text = RedisValues.text(argument);
    try {
      return text == null ? 0 : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
