package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.Checkpoints;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.core.model.CheckpointData;
import dev.checkpoint.instrumentation.spring.shop.ShopApplication;
import dev.checkpoint.instrumentation.spring.shop.StockService;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two applications in one JVM, as a test run that keeps several Spring contexts has: each context's
 * instrumentation records through its own recorder, and the process-wide {@link Checkpoints} facade
 * through the context started last that is still open.
 */
class TwoContextsTest {

  private static ConfigurableApplicationContext start(String service) {
    return new SpringApplicationBuilder(ShopApplication.class)
        .web(WebApplicationType.NONE)
        .properties(
            "spring.application.name=" + service,
            "checkpoint.mode=ON",
            "spring.datasource.url=jdbc:h2:mem:" + service)
        .run();
  }

  private static CheckpointData last(ConfigurableApplicationContext context) {
    InMemoryExporter exporter = context.getBean(InMemoryExporter.class);
    exporter.flush(Duration.ofSeconds(5));
    return exporter.checkpoints().get(exporter.checkpoints().size() - 1);
  }

  @Test
  void eachContextRecordsItsOwnCallsAndTheFacadeFollowsTheOpenContextStartedLast() {
    try (ConfigurableApplicationContext first = start("first")) {
      try (ConfigurableApplicationContext second = start("second")) {
        first.getBean(StockService.class).available("A-1");
        second.getBean(StockService.class).available("B-2");
        assertThat(last(first).service()).isEqualTo("first");
        assertThat(last(second).service()).isEqualTo("second");

        Checkpoints.record("Facade.call", null, () -> 1);
        assertThat(last(second).name()).isEqualTo("Facade.call");
      }

      // Closing the second context hands the facade back to the first, not to a stopped recorder.
      Checkpoints.record("Facade.afterClose", null, () -> 2);
      CheckpointData afterClose = last(first);
      assertThat(afterClose.name()).isEqualTo("Facade.afterClose");
      assertThat(afterClose.service()).isEqualTo("first");
      first.getBean(StockService.class).available("C-3");
      assertThat(last(first).name()).isEqualTo("StockService.available");
    }
  }
}
