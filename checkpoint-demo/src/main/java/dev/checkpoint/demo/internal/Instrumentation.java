package dev.checkpoint.demo.internal;

import com.rabbitmq.client.Channel;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.instrumentation.httpclient.JavaHttpClientCheckpoints;
import dev.checkpoint.instrumentation.jdbc.CheckpointDataSource;
import dev.checkpoint.instrumentation.kafka.CheckpointKafka;
import dev.checkpoint.instrumentation.messaging.CheckpointChannel;
import dev.checkpoint.instrumentation.redis.JedisCheckpoints;
import dev.checkpoint.instrumentation.servlet.CheckpointFilter;
import jakarta.servlet.Filter;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * Where a service meets Checkpoint: each method returns the recording wrapper of a client or
 * component, or, with {@link #none()}, the original object, so the service runs as an application
 * that never added the library would (the baseline of the overhead measurement). Chosen by {@code
 * --instrumentation} / {@code DEMO_INSTRUMENTATION}: {@value #CHECKPOINT} (the default) or {@value
 * #NONE}.
 */
public final class Instrumentation {
  /** The setting's value for recording with Checkpoint. */
  public static final String CHECKPOINT = "checkpoint";

  /** The setting's value for a service without the library. */
  public static final String NONE = "none";

  private final CheckpointRecorder recorder;

  private Instrumentation(CheckpointRecorder recorder) {
    this.recorder = recorder;
  }

  /**
   * Records with Checkpoint.
   *
   * @param recorder the service's recorder
   * @return the instrumentation
   */
  public static Instrumentation checkpoint(CheckpointRecorder recorder) {
    return new Instrumentation(Objects.requireNonNull(recorder, "recorder"));
  }

  /**
   * No Checkpoint at all: no servlet filter, no wrappers, no proxies.
   *
   * @return the instrumentation
   */
  public static Instrumentation none() {
    return new Instrumentation(null);
  }

  /**
   * Whether the service uses Checkpoint: {@code --instrumentation} / {@code DEMO_INSTRUMENTATION}.
   *
   * @param settings the service's settings
   * @return {@code true} for {@value #CHECKPOINT}, {@code false} for {@value #NONE}
   * @throws IllegalArgumentException for any other value
   */
  public static boolean enabled(Settings settings) {
    String value = settings.get("instrumentation", "DEMO_INSTRUMENTATION", CHECKPOINT);
    return switch (value) {
      case CHECKPOINT -> true;
      case NONE -> false;
      default ->
          throw new IllegalArgumentException(
              "--instrumentation (or DEMO_INSTRUMENTATION) must be '"
                  + CHECKPOINT
                  + "' or '"
                  + NONE
                  + "', but is '"
                  + value
                  + "'.");
    };
  }

  /** The recorder, empty without Checkpoint. */
  public Optional<CheckpointRecorder> recorder() {
    return Optional.ofNullable(recorder);
  }

  /** The servlet filter that records each request, empty without Checkpoint. */
  public Optional<Filter> servletFilter() {
    return recorder().map(CheckpointFilter::create);
  }

  /** The data source, recording each statement. */
  public DataSource dataSource(DataSource dataSource) {
    return recorder == null ? dataSource : CheckpointDataSource.wrap(dataSource, recorder);
  }

  /** The HTTP client, recording each call. */
  public HttpClient httpClient(HttpClient client) {
    return recorder == null ? client : JavaHttpClientCheckpoints.wrap(client, recorder);
  }

  /** The RabbitMQ channel, recording each publish and delivery. */
  public Channel channel(Channel channel) {
    return recorder == null ? channel : CheckpointChannel.wrap(channel, recorder);
  }

  /** A pooled Redis client of {@code address}, recording each command. */
  public JedisPooled redis(HostAndPort address, JedisClientConfig config) {
    return recorder == null
        ? new JedisPooled(address, config)
        : new JedisPooled(JedisCheckpoints.pooledConnections(address, config, recorder));
  }

  /** The Kafka producer, recording each send and carrying the tree in the record headers. */
  public <K, V> Producer<K, V> kafkaProducer(Producer<K, V> producer) {
    return recorder == null ? producer : CheckpointKafka.wrap(producer, recorder);
  }

  /** The Kafka consumer, recording each record processed in the producer's tree. */
  public <K, V> Consumer<K, V> kafkaConsumer(Consumer<K, V> consumer) {
    return recorder == null ? consumer : CheckpointKafka.wrap(consumer, recorder);
  }

  /** The component, recording each call of {@code type}'s methods ({@link Checkpoints#wrap}). */
  public <T> T component(Class<T> type, T implementation) {
    return recorder == null ? implementation : Checkpoints.wrap(type, implementation);
  }
}
