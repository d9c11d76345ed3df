package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.Kind;
import dev.checkpoint.core.Context;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.spring.shop.ShopApplication;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What a Spring Boot application records while it starts, with nothing configured but the mode. */
class StartupTreeTest {

  @Test
  void theStartIsOneTreeInTheManualRunOfTheServiceNamedAfterTheApplication() {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ShopApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "checkpoint.mode=ON",
                "spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID())
            .run()) {
      List<CheckpointData> recorded = context.getBean(InMemoryExporter.class).checkpoints();

      CheckpointData startup = recorded.get(recorded.size() - 1);
      assertThat(startup.kind()).isEqualTo(Kind.METHOD);
      assertThat(startup.name()).isEqualTo("startup");
      assertThat(recorded)
          .as("one tree: the scripts' statements under the start-up checkpoint")
          .allSatisfy(c -> assertThat(c.traceId()).isEqualTo(startup.traceId()))
          .filteredOn(c -> c.kind() == Kind.SQL)
          .isNotEmpty()
          .allSatisfy(sql -> assertThat(sql.parentId()).isEqualTo(startup.id()));
      assertThat(startup.service()).isEqualTo("shop");
      assertThat(startup.runId()).matches("manual-shop-\\d{8}T\\d{6}Z");
      assertThat(Context.current()).as("the starting thread's context is restored").isNull();
    }
  }
}
