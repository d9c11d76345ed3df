package dev.checkpoint.instrumentation.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.core.replay.RecordedCall;
import dev.checkpoint.core.replay.ReplayMismatchException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.Value;
import io.lettuce.core.event.command.CommandFailedEvent;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.CommandWrapper;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.protocol.TransactionalCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Lettuce's command listener (6.1+): {@code commandStarted} runs on the thread that sends the
 * command, so the checkpoint starts there, under that thread's context; the reply arrives on an
 * event loop thread, where {@code commandSucceeded} or {@code commandFailed} ends it. The call
 * travels between the two in the event's own context map.
 */
public final class LettuceCommandListener implements CommandListener {

  private static final String CALL = "dev.checkpoint.redis.call";
  private static final String QUEUED = "dev.checkpoint.redis.queued";

  /** Lettuce's value types as JSON values; anything else as its text. */
  private static final Function<Object, Object> LETTUCE_TYPES = LettuceCommandListener::convert;

  private final RedisRecording recording;

  /**
   * Creates the listener.
   *
   * @param recording where commands are recorded
   */
  public LettuceCommandListener(RedisRecording recording) {
    this.recording = recording;
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    if (!recording.isEnabled()) {
      return;
    }
    RedisCommand<Object, Object, Object> command = event.getCommand();
    TransactionalCommand<?, ?, ?> queued =
        CommandWrapper.unwrap(command, TransactionalCommand.class);
    RedisCall call = recording.start(name(command), arguments(command.getArgs()), queued != null);
    if (call == null) {
      return;
    }
    if (queued == null && !RedisCommands.isTransaction(call.name())) {
      Optional<RecordedCall> answer = call.replay();
      if (answer.isPresent()) {
        answer(command, call, answer.get());
        return;
      }
    }
    event.getContext().put(CALL, call);
    if (queued != null) {
      // Lettuce reports a queued command's success on QUEUED; its reply comes with EXEC, when
      // the command's own future completes. DISCARD completes it too, without a reply.
      event.getContext().put(QUEUED, Boolean.TRUE);
      queued.whenComplete((reply, error) -> execDone(call, reply, error));
    }
  }

  /**
   * Completes a command with its recorded answer before it is written: Lettuce writes no command
   * that is done, so it never reaches Redis, and the application's future or synchronous call gets
   * the recorded reply (or error) as if Redis had sent it. The listener hears of the command no
   * more: the wrapper that would tell it is not the command completed here.
   */
  private static void answer(
      RedisCommand<Object, Object, Object> command, RedisCall call, RecordedCall answer) {
    if (!answer.isMatched()) {
      ReplayMismatchException error = new ReplayMismatchException(answer.failure());
      call.replayed(answer, error);
      command.completeExceptionally(error);
      return;
    }
    CommandOutput<Object, Object, Object> output = command.getOutput();
    Optional<JsonNode> recordedError = answer.error();
    if (recordedError.isPresent()) {
      String message = recordedError.get().path("message").asText();
      call.replayed(answer, new RedisCommandExecutionException(message));
      if (output != null) {
        output.setError(message);
      }
    } else {
      call.replayed(answer, null);
      if (output != null) {
        RedisReplies.lettuce(output, answer.output().path("reply"), 0);
      }
    }
    command.complete();
  }

  private static void execDone(RedisCall call, Object reply, Throwable error) {
    if (error != null) {
      call.failed(error instanceof CompletionException ? error.getCause() : error);
    } else {
      call.succeeded(reply, LETTUCE_TYPES);
    }
  }

  @Override
  public void commandSucceeded(CommandSucceededEvent event) {
    Object call = event.getContext().remove(CALL);
    if (call != null && event.getContext().get(QUEUED) == null) {
      CommandOutput<Object, Object, Object> output = event.getCommand().getOutput();
      ((RedisCall) call).succeeded(output == null ? null : output.get(), LETTUCE_TYPES);
    }
  }

  @Override
  public void commandFailed(CommandFailedEvent event) {
    Object call = event.getContext().remove(CALL);
    if (call != null) {
      ((RedisCall) call).failed(event.getCause());
    }
  }

  private static String name(RedisCommand<?, ?, ?> command) {
    return command.getType() instanceof CommandType type
        ? type.name()
        : new String(command.getType().getBytes(), StandardCharsets.UTF_8);
  }

  /**
   * The arguments as sent: Lettuce encodes them with the connection's codec into bulk strings, and
   * reading those back gives exactly the bytes Redis receives, whatever the codec.
   */
  private static List<Object> arguments(CommandArgs<?, ?> args) {
    if (args == null || args.count() == 0) {
      return List.of();
    }
    ByteBuf buffer = Unpooled.buffer();
    try {
      args.encode(buffer);
      List<Object> arguments = new ArrayList<>(args.count());
      while (buffer.isReadable() && buffer.readByte() == '$') {
        int length = Integer.parseInt(line(buffer));
        byte[] bytes = new byte[length];
        buffer.readBytes(bytes);
        buffer.skipBytes(2);
        arguments.add(bytes);
      }
      return arguments;
    } finally {
      buffer.release();
    }
  }

  private static String line(ByteBuf buffer) {
    int start = buffer.readerIndex();
    int end = buffer.indexOf(start, buffer.writerIndex(), (byte) '\r');
    String text = buffer.toString(start, end - start, StandardCharsets.US_ASCII);
    buffer.readerIndex(end + 2);
    return text;
  }

  private static Object convert(Object value) {
    if (value instanceof ScoredValue<?> scored) {
      Map<String, Object> converted = new LinkedHashMap<>();
      converted.put("value", scored.getValueOrElse(null));
      converted.put("score", scored.getScore());
      return converted;
    }
    if (value instanceof KeyValue<?, ?> keyValue) {
      Map<String, Object> converted = new LinkedHashMap<>();
      converted.put("key", RedisValues.scalar(keyValue.getKey()));
      converted.put("value", keyValue.getValueOrElse(null));
      return converted;
    }
    if (value instanceof Value<?> plain) {
      return plain.getValueOrElse(null);
    }
    return value;
  }
}
