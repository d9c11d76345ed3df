package dev.checkpoint.instrumentation.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.Kind;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.spring.internal.LettuceInstrumentation;
import dev.checkpoint.instrumentation.testkit.ExportedCheckpoints;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** {@code checkpoint.redis.enabled=false}: the request is recorded, its Redis commands are not. */
@SpringBootTest(
    classes = PricesApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"checkpoint.mode=ON", "checkpoint.redis.enabled=false"})
class RedisSwitchedOffTest extends AbstractRedisTemplateTest {

  @Autowired private ApplicationContext context;

  @Test
  void commandsAreNotRecorded() throws Exception {
    assertThat(context.getBeanNamesForType(LettuceInstrumentation.class)).isEmpty();

    assertThat(put("/prices/C-3", "7").statusCode()).isEqualTo(204);
    assertThat(get("/prices/C-3").body()).isEqualTo("7");

    List<CheckpointData> recorded = ExportedCheckpoints.await(exporter, 2);
    assertThat(recorded).extracting(CheckpointData::kind).containsOnly(Kind.HTTP_SERVER);
  }
}
