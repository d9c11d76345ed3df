package dev.checkpoint.instrumentation.redis.internal;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.Instrumenter;
import dev.checkpoint.core.RecordingCheckpoint;
import dev.checkpoint.core.capture.Redaction;
import dev.checkpoint.core.instrumentation.InstrumentationLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records Redis commands as {@code CACHE} checkpoints, whichever client sent them. The input is
 * {@code {"command", "keys", "arguments"}} (for {@code HSET}, {@code HMSET} and {@code HSETNX}
 * {@code "fields"}: an object of the hash fields set, so that a field named {@code password} is
 * redacted as any JSON key); the output is {@code {"reply": ...}}, or the error.
 *
 * <p>Values are redacted by the rules of every payload (a JSON value with a {@code password} key, a
 * {@code token=...} pair, a card number), and whole when a key says they are secrets: when a {@code
 * :}-separated part of one of the command's keys is a secret key by the redaction rules ({@code
 * session:42}, {@code user:7:password}, {@code api-token:x}), its arguments and text reply are
 * recorded as {@link Redaction#MARKER}. The key itself is kept: it names the value.
 */
public final class RedisRecording {

  /** One log for the whole Redis instrumentation. */
  static final InstrumentationLog LOG =
      new InstrumentationLog("dev.checkpoint.instrumentation.redis");

  private final Instrumenter recorder;

  /**
   * Creates the recording.
   *
   * @param recorder where checkpoints are recorded
   */
  public RedisRecording(Instrumenter recorder) {
    this.recorder = recorder;
  }

  /**
   * Whether commands are recorded now: one volatile read.
   *
   * @return {@code true} when {@link #start} may record
   */
  public boolean isEnabled() {
    return recorder.isEnabled();
  }

  /**
   * Starts the checkpoint of a command sent now, under the current context.
   *
   * @param rawName the command's name as the client spells it
   * @param arguments the arguments after the name: text, bytes or numbers
   * @param inTransaction whether it is sent between {@code MULTI} and {@code EXEC}
   * @return the call, {@code null} when it is not recorded
   */
  public RedisCall start(String rawName, List<?> arguments, boolean inTransaction) {
    try {
      String name = RedisCommands.name(rawName);
      boolean[] keyPositions = RedisCommands.keyPositions(name, arguments);
      List<Object> keys = new ArrayList<>();
      List<Object> others = new ArrayList<>(arguments.size());
      boolean secret = false;
      Redaction redaction = recorder.capture().redaction();
      for (int i = 0; i < arguments.size(); i++) {
        if (keyPositions[i]) {
          String key = RedisValues.text(arguments.get(i));
          secret |= key != null && isSecretKey(key, redaction);
          keys.add(key == null ? RedisValues.scalar(arguments.get(i)) : new RedisValues.Key(key));
        } else {
          others.add(RedisValues.scalar(arguments.get(i)));
        }
      }
      boolean redactArguments = secret || RedisCommands.carriesCredentials(name);
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("command", name);
      input.put("keys", keys);
      String argumentsPath;
      if (RedisCommands.setsHashFields(name) && others.size() % 2 == 0) {
        argumentsPath = "input.fields";
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < others.size(); i += 2) {
          fields.put(
              String.valueOf(others.get(i)),
              redactArguments ? Redaction.MARKER : others.get(i + 1));
        }
        input.put("fields", fields);
      } else {
        argumentsPath = "input.arguments";
        input.put("arguments", redactArguments && !others.isEmpty() ? Redaction.MARKER : others);
      }
      RecordingCheckpoint checkpoint =
          recorder.startDetached(Kind.CACHE, name, input, Context.current());
      if (!checkpoint.isRecording()) {
        return null;
      }
      if (redactArguments && !others.isEmpty()) {
        checkpoint.markRedacted(argumentsPath);
      }
      if (inTransaction) {
        checkpoint.setAttribute(RedisCall.TRANSACTION, RedisCall.QUEUED);
      }
      return new RedisCall(checkpoint, name, inTransaction, secret, recorder.maxRows());
    } catch (RuntimeException e) {
      LOG.failed("Recording a Redis command", e);
      return null;
    }
  }

  /**
   * Whether a part of the key between colons names a secret, such as {@code session:42}. A part
   * that starts with a digit ({@code 42}, {@code 7f3a}) is an id, not a name, and is not asked, as
   * the redaction does for words in text: it remembers each key it decides, and ids would fill its
   * cache.
   */
  private static boolean isSecretKey(String key, Redaction redaction) {
    int start = 0;
    while (start <= key.length()) {
      int end = key.indexOf(':', start);
      if (end < 0) {
        end = key.length();
      }
      if (end > start
          && !Character.isDigit(key.charAt(start))
          && redaction.isSecret(key.substring(start, end))) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }
}
