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
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Connection factories the application declares itself, started otherwise than Spring Boot's: one
 * whose shared connection is opened while it is initialised (eager initialisation), before the
 * starter adds its listener, which the starter has reopened; one whose client is built only when
 * the context starts (early start-up off), which the starter cannot reach and says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionFactoryStartupTest {

  private static final RedisStandaloneConfiguration LOCAL_REDIS =
      new RedisStandaloneConfiguration("127.0.0.1", 6379);

  @BeforeAll
  static void requireRedis() throws Exception {
    AbstractRedisTemplateTest.requireRedis();
  }

  @Test
  void theSharedConnectionOpenedEarlyIsRecorded() {
    LettuceConnectionFactory eager = new LettuceConnectionFactory(LOCAL_REDIS);
    eager.setEagerInitialization(true);
    run(
        eager,
        (recorded, job) ->
            assertThat(recorded)
                .filteredOn(c -> c.kind() == Kind.CACHE)
                .extracting(CheckpointData::name, CheckpointData::parentId)
                .containsExactly(tuple("SET", job.id()), tuple("DEL", job.id())),
        3);
  }

  @Test
  void aClientBuiltWhenTheContextStartsIsNotRecordedAndTheStarterSaysSo(CapturedOutput output) {
    LettuceConnectionFactory late = new LettuceConnectionFactory(LOCAL_REDIS);
    late.setEarlyStartup(false);
    run(
        late,
        (recorded, job) ->
            assertThat(recorded).extracting(CheckpointData::kind).containsOnly(Kind.METHOD),
        1);

    assertThat(output)
        .contains(
            "The Redis commands of the connection factory 'lettuceConnectionFactory' are not"
                + " recorded: its early start-up is switched off");
  }

  /** Sets and deletes a key under a root checkpoint, then checks what was recorded. */
  private static void run(
      LettuceConnectionFactory factory,
      BiConsumer<List<CheckpointData>, CheckpointData> check,
      int expected) {
    String key = AbstractRedisTemplateTest.PREFIX + "startup";
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                CheckpointAutoConfiguration.class, CheckpointRedisAutoConfiguration.class))
        .withPropertyValues("checkpoint.mode=ON", "checkpoint.service-name=startup")
        .withBean(InMemoryExporter.class, InMemoryExporter::create)
        .withBean("lettuceConnectionFactory", LettuceConnectionFactory.class, () -> factory)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              StringRedisTemplate redis = new StringRedisTemplate(factory);
              try (ActiveCheckpoint job = Checkpoints.start("PriceJob.run", Map.of())) {
                redis.opsForValue().set(key, "1");
                redis.delete(key);
              }

              List<CheckpointData> recorded =
                  ExportedCheckpoints.await(context.getBean(InMemoryExporter.class), expected);
              CheckpointData job =
                  recorded.stream().filter(c -> c.kind() == Kind.METHOD).findFirst().orElseThrow();
              check.accept(recorded, job);
            });
  }
}
