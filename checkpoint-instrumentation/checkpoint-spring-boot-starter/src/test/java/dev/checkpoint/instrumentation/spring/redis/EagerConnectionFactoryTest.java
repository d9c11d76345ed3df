package dev.checkpoint.instrumentation.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.Kind;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.spring.CheckpointAutoConfiguration;
import dev.checkpoint.instrumentation.spring.CheckpointRedisAutoConfiguration;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A connection factory the application declares itself, with its shared connection opened while it
 * is initialised (eager initialisation), before the starter adds its listener: the starter has it
 * reopened, so its commands are recorded too.
 */
class EagerConnectionFactoryTest {

  @BeforeAll
  static void requireRedis() throws Exception {
    AbstractRedisTemplateTest.requireRedis();
  }

  @Test
  void theSharedConnectionOpenedEarlyIsRecorded() {
    String key = AbstractRedisTemplateTest.PREFIX + "eager";
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                CheckpointAutoConfiguration.class, CheckpointRedisAutoConfiguration.class))
        .withPropertyValues("checkpoint.mode=ON", "checkpoint.service-name=eager")
        .withBean(InMemoryExporter.class, InMemoryExporter::create)
        .withBean(
            LettuceConnectionFactory.class,
            () -> {
              LettuceConnectionFactory factory =
                  new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
              factory.setEagerInitialization(true);
              return factory;
            })
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              StringRedisTemplate redis =
                  new StringRedisTemplate(context.getBean(LettuceConnectionFactory.class));
              try (ActiveCheckpoint job = Checkpoints.start("PriceJob.run", Map.of())) {
                redis.opsForValue().set(key, "1");
                redis.delete(key);
              }

              List<CheckpointData> recorded =
                  ExportedCheckpoints.await(context.getBean(InMemoryExporter.class), 3);
              CheckpointData job =
                  recorded.stream().filter(c -> c.kind() == Kind.METHOD).findFirst().orElseThrow();
              assertThat(recorded)
                  .filteredOn(c -> c.kind() == Kind.CACHE)
                  .extracting(CheckpointData::name, CheckpointData::parentId)
                  .containsExactly(tuple("SET", job.id()), tuple("DEL", job.id()));
            });
  }
}
