package dev.checkpoint.benchmarks;

import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.instrumentation.redis.JedisCheckpoints;
import dev.checkpoint.instrumentation.redis.LettuceCheckpoints;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.event.command.CommandSucceededEvent;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * The cost of recording Redis commands: a {@code GET} of a 100-byte value from the real Redis at
 * 127.0.0.1:6379, through a plain client, a recording one with recording {@code OFF}, and one with
 * recording {@code ON} (checkpoints serialised inline into a null sink), for Jedis and Lettuce. The
 * network round trip dominates the time; the allocation columns compare exactly. {@code
 * lettuceListenerOff} calls the recording listener alone with prepared events: the listener's own
 * cost with recording off, without Lettuce's; {@code lettuceListenerOn} its cost with recording on.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RedisCommandBenchmark {

  private static final HostAndPort REDIS = new HostAndPort("127.0.0.1", 6379);
  private static final String KEY = "checkpoint-bench:price";
  private static final String VALUE =
      "{\"sku\":\"A-42\",\"price\":\"12.50\",\"note\":\"" + "x".repeat(58) + "\"}";

  private Jedis jedisPlain;
  private Jedis jedisOff;
  private Jedis jedisOn;
  private RedisClient lettucePlainClient;
  private RedisClient lettuceOffClient;
  private RedisClient lettuceOnClient;
  private StatefulRedisConnection<String, String> lettucePlain;
  private StatefulRedisConnection<String, String> lettuceOff;
  private StatefulRedisConnection<String, String> lettuceOn;
  private CommandListener offListener;
  private CommandListener onListener;
  private RedisCommand<Object, Object, Object> get;
  private CommandStartedEvent started;
  private CommandSucceededEvent succeeded;

  /** Connects the six clients and stores the value they read. */
  @Setup(Level.Trial)
  public void setUp() {
    CheckpointRecorder off = recorder(RecordingMode.OFF);
    CheckpointRecorder on = recorder(RecordingMode.ON);
    JedisClientConfig config = DefaultJedisClientConfig.builder().build();
    jedisPlain = new Jedis(new Connection(REDIS, config));
    jedisOff = new Jedis(JedisCheckpoints.connect(REDIS, config, off));
    jedisOn = new Jedis(JedisCheckpoints.connect(REDIS, config, on));
    jedisPlain.set(KEY, VALUE);
    lettucePlainClient = RedisClient.create(RedisURI.create("redis://127.0.0.1:6379"));
    lettuceOffClient = RedisClient.create(RedisURI.create("redis://127.0.0.1:6379"));
    lettuceOnClient = RedisClient.create(RedisURI.create("redis://127.0.0.1:6379"));
    LettuceCheckpoints.register(lettuceOffClient, off);
    LettuceCheckpoints.register(lettuceOnClient, on);
    lettucePlain = lettucePlainClient.connect();
    lettuceOff = lettuceOffClient.connect();
    lettuceOn = lettuceOnClient.connect();

    offListener = LettuceCheckpoints.listener(off);
    onListener = LettuceCheckpoints.listener(on);
    ValueOutput<String, String> output = new ValueOutput<>(StringCodec.UTF8);
    output.set(StringCodec.UTF8.encodeValue(VALUE));
    @SuppressWarnings("unchecked")
    RedisCommand<Object, Object, Object> command =
        (RedisCommand<Object, Object, Object>)
            (RedisCommand<?, ?, ?>)
                new Command<>(
                    CommandType.GET, output, new CommandArgs<>(StringCodec.UTF8).addKey(KEY));
    get = command;
    started = new CommandStartedEvent(get, System.currentTimeMillis());
    succeeded = new CommandSucceededEvent(get, started.getContext(), 0, 1);
  }

  private static CheckpointRecorder recorder(RecordingMode mode) {
    return CheckpointRecorder.builder()
        .service("bench")
        .mode(mode)
        .exporter(new EnabledCheckpointBenchmark.InlineNullExporter())
        .build();
  }

  /** Closes the clients. */
  @TearDown(Level.Trial)
  public void tearDown() {
    jedisPlain.del(KEY);
    jedisPlain.close();
    jedisOff.close();
    jedisOn.close();
    lettucePlain.close();
    lettuceOff.close();
    lettuceOn.close();
    for (RedisClient client :
        new RedisClient[] {lettucePlainClient, lettuceOffClient, lettuceOnClient}) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Benchmark
  public String jedisPlain() {
    return jedisPlain.get(KEY);
  }

  @Benchmark
  public String jedisOff() {
    return jedisOff.get(KEY);
  }

  @Benchmark
  public String jedisOn() {
    return jedisOn.get(KEY);
  }

  @Benchmark
  public String lettucePlain() {
    return lettucePlain.sync().get(KEY);
  }

  @Benchmark
  public String lettuceOff() {
    return lettuceOff.sync().get(KEY);
  }

  @Benchmark
  public String lettuceOn() {
    return lettuceOn.sync().get(KEY);
  }

  @Benchmark
  public void lettuceListenerOff() {
    offListener.commandStarted(started);
    offListener.commandSucceeded(succeeded);
  }

  /**
   * The recording listener alone with recording on: the cost of one recorded command (capture of
   * input and reply, redaction, the checkpoint serialised inline) without the network round trip.
   * The two events, which Lettuce would allocate, are part of the figure.
   */
  @Benchmark
  public void lettuceListenerOn() {
    CommandStartedEvent start = new CommandStartedEvent(get, 0);
    onListener.commandStarted(start);
    onListener.commandSucceeded(new CommandSucceededEvent(get, start.getContext(), 0, 1));
  }
}
