package dev.checkpoint.instrumentation.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.checkpoint.core.replay.RecordedCall;
import dev.checkpoint.core.replay.ReplayMismatchException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.args.Rawable;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The commands of one Jedis connection and their replies, recorded: every command, whether run
 * alone, in a pipeline or in a transaction, is written by the connection's {@code
 * sendCommand(CommandArguments)} and every reply read by its {@code
 * readProtocolWithCheckingBroken()}, in the same order (Redis answers in order), so a queue pairs
 * them. Commands queued between {@code MULTI} and {@code EXEC} stay open after their {@code QUEUED}
 * reply and take their element of {@code EXEC}'s reply. In replay a command outside a transaction
 * that the recording answers is not written: its recorded reply is given at the read that would
 * have read it, so pipelines keep their order.
 *
 * <p>With recording off and nothing pending, a command costs one volatile read and an int
 * increment: commands sent then are counted, not queued, and always come before any queued one. The
 * connection's own set-up ({@code HELLO}, {@code AUTH}, {@code SELECT}) runs in Jedis's
 * constructor, before the connection has its calls, and is not recorded.
 *
 * <p>Used by {@link RecordingConnection} and by the Java agent, which runs a connection's two
 * methods through an instance per connection.
 */
public final class ConnectionCalls {

  private static final Object NOT_RECORDED = new Object();
  private static final String MULTI = "MULTI";
  private static final String EXEC = "EXEC";
  private static final String DISCARD = "DISCARD";
  private static final byte[] QUEUED_REPLY = "QUEUED".getBytes(StandardCharsets.US_ASCII);

  private final RedisRecording recording;
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private final List<RedisCall> queued = new ArrayList<>();
  private int untracked;
  private boolean inTransaction;
  private Object pendingExec;

  /**
   * Creates the calls of one connection.
   *
   * @param recording the recording
   */
  public ConnectionCalls(RedisRecording recording) {
    this(recording, 0);
  }

  /**
   * Creates the calls of a connection that has sent commands unrecorded whose replies it has not
   * read yet: those replies are read first, as nobody's.
   *
   * @param recording the recording
   * @param unanswered how many replies are still to be read
   */
  public ConnectionCalls(RedisRecording recording, int unanswered) {
    this.recording = recording;
    this.untracked = unanswered;
  }

  /**
   * How many replies are still to be read for commands sent unrecorded, when that is all the
   * connection has in flight: the connection can then be left to count them itself.
   *
   * @return that number, or {@code -1} while a recorded command or a transaction is in flight
   */
  public int unrecordedOnly() {
    return pending.isEmpty() && !inTransaction && queued.isEmpty() && pendingExec == null
        ? untracked
        : -1;
  }

  /**
   * Sends a command, recorded.
   *
   * @param args the command
   * @param send the connection's own {@code sendCommand}
   */
  public void send(CommandArguments args, Consumer<CommandArguments> send) {
    if (pending.isEmpty() && !inTransaction && !recording.isEnabled()) {
      // Recording off with nothing pending.
      untracked++;
      send.accept(args);
      return;
    }
    boolean transactional = track(args);
    if (!transactional && pending.peekLast() instanceof RedisCall call) {
      Optional<RecordedCall> answer = call.replay();
      if (answer.isPresent()) {
        // Answered from the recording: nothing is written, the reply is taken in order.
        pending.pollLast();
        pending.add(new Replayed(call, answer.get()));
        return;
      }
    }
    try {
      send.accept(args);
    } catch (RuntimeException broken) {
      Object call = pending.pollLast();
      if (call != NOT_RECORDED) {
        ((RedisCall) call).failed(broken);
      }
      throw broken;
    }
  }

  /**
   * Starts the command's checkpoint, in order.
   *
   * @return whether the command is part of a transaction ({@code MULTI} to {@code EXEC} or {@code
   *     DISCARD}), which replay leaves to Redis
   */
  private boolean track(CommandArguments args) {
    Iterator<Rawable> raw = args.iterator();
    String name = RedisCommands.name(new String(raw.next().getRaw(), StandardCharsets.UTF_8));
    List<Object> arguments = new ArrayList<>(args.size() - 1);
    raw.forEachRemaining(argument -> arguments.add(argument.getRaw()));
    boolean queuedInTransaction = inTransaction && !name.equals(EXEC) && !name.equals(DISCARD);
    RedisCall call =
        recording.isEnabled() ? recording.start(name, arguments, queuedInTransaction) : null;
    pending.add(call == null ? NOT_RECORDED : call);
    boolean transactional = inTransaction || RedisCommands.isTransaction(name);
    if (name.equals(MULTI)) {
      inTransaction = true;
    } else if (name.equals(EXEC) || name.equals(DISCARD)) {
      inTransaction = false;
      pendingExec = name.equals(EXEC) ? call : null;
    }
    return transactional;
  }

  /**
   * Reads a reply, recorded as its command's.
   *
   * @param read the connection's own {@code readProtocolWithCheckingBroken}
   * @return the reply
   */
  public Object read(Supplier<Object> read) {
    if (untracked > 0 || pending.isEmpty()) {
      if (untracked > 0) {
        untracked--;
      }
      return read.get();
    }
    Object call = pending.poll();
    if (call instanceof Replayed replayed) {
      return replayed.reply();
    }
    Object reply;
    try {
      reply = read.get();
    } catch (JedisDataException error) {
      replied(call, null, error);
      throw error;
    } catch (RuntimeException broken) {
      replied(call, null, broken);
      endAll();
      throw broken;
    }
    replied(call, reply, null);
    return reply;
  }

  /** A command answered from the recording, whose reply the next read gives. */
  private record Replayed(RedisCall call, RecordedCall answer) {
    Object reply() {
      if (!answer.isMatched()) {
        ReplayMismatchException error = new ReplayMismatchException(answer.failure());
        call.replayed(answer, error);
        throw error;
      }
      Optional<JsonNode> recordedError = answer.error();
      if (recordedError.isPresent()) {
        JedisDataException error =
            new JedisDataException(recordedError.get().path("message").asText());
        call.replayed(answer, error);
        throw error;
      }
      call.replayed(answer, null);
      return RedisReplies.jedis(answer.output().path("reply"));
    }
  }

  private void replied(Object call, Object reply, RuntimeException error) {
    boolean isExec = call != NOT_RECORDED && call == pendingExec;
    if (isExec) {
      pendingExec = null;
    }
    if (call == NOT_RECORDED) {
      return;
    }
    RedisCall recorded = (RedisCall) call;
    if (error != null) {
      recorded.failed(error);
      if (isExec) {
        endQueued(RedisCall.ABORTED);
      }
      return;
    }
    if (recorded.isQueued() && isQueuedReply(reply)) {
      queued.add(recorded);
      return;
    }
    recorded.succeeded(reply, RedisValues.AS_TEXT);
    if (isExec) {
      if (reply instanceof List<?> results) {
        for (int i = 0; i < queued.size(); i++) {
          Object result = i < results.size() ? results.get(i) : null;
          if (result instanceof JedisDataException failure) {
            queued.get(i).failed(failure);
          } else {
            queued.get(i).succeeded(result, RedisValues.AS_TEXT);
          }
        }
        queued.clear();
      } else {
        endQueued(RedisCall.ABORTED);
      }
    } else if (isDiscard(recorded)) {
      endQueued(RedisCall.DISCARDED);
    }
  }

  private boolean isDiscard(RedisCall call) {
    return call.name().equals(DISCARD);
  }

  private static boolean isQueuedReply(Object reply) {
    return reply instanceof byte[] bytes && Arrays.equals(bytes, QUEUED_REPLY);
  }

  private void endQueued(String outcome) {
    for (RedisCall call : queued) {
      call.notExecuted(outcome);
    }
    queued.clear();
  }

  private void endAll() {
    for (Object call : pending) {
      if (call instanceof RedisCall recorded) {
        recorded.unanswered();
      } else if (call instanceof Replayed replayed) {
        replayed.call().unanswered();
      }
    }
    pending.clear();
    for (RedisCall call : queued) {
      call.unanswered();
    }
    queued.clear();
    inTransaction = false;
    pendingExec = null;
  }

  /** Ends what is still pending when the connection closes. */
  public void closed() {
    endAll();
    untracked = 0;
  }
}
