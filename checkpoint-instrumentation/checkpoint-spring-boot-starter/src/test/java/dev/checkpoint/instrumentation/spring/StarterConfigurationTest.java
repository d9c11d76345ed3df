package dev.checkpoint.instrumentation.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.ActiveCheckpoint;
import dev.checkpoint.CheckpointIds;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.RunId;
import dev.checkpoint.core.CheckpointConfig;
import dev.checkpoint.core.CheckpointRecorder;
import dev.checkpoint.core.RecordingControl;
import dev.checkpoint.core.RecordingMode;
import dev.checkpoint.core.export.InMemoryExporter;
import dev.checkpoint.instrumentation.servlet.CheckpointControlServlet;
import dev.checkpoint.instrumentation.spring.internal.ApplicationIdentity;
import dev.checkpoint.instrumentation.spring.internal.DataSourceWrapper;
import dev.checkpoint.instrumentation.spring.internal.LettuceInstrumentation;
import dev.checkpoint.instrumentation.spring.internal.RabbitInstrumentation;
import dev.checkpoint.instrumentation.spring.internal.RabbitListenerContainers;
import dev.checkpoint.instrumentation.spring.internal.RecorderFactory;
import dev.checkpoint.instrumentation.spring.internal.RecorderShutdown;
import dev.checkpoint.instrumentation.testkit.RecordedJson;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.Advisor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binding of the {@code checkpoint.*} properties, start-up failures, and backing off. */
@ExtendWith(OutputCaptureExtension.class)
class StarterConfigurationTest {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  CheckpointAutoConfiguration.class,
                  CheckpointWebAutoConfiguration.class,
                  CheckpointHttpClientAutoConfiguration.class,
                  CheckpointJdbcAutoConfiguration.class,
                  CheckpointAnnotationAutoConfiguration.class,
                  CheckpointAmqpAutoConfiguration.class,
                  CheckpointRedisAutoConfiguration.class))
          .withBean(InMemoryExporter.class, InMemoryExporter::create);

  @Test
  void defaultsAreTheCoreDefaultsButTheRunOfThisStart() {
    ApplicationIdentity nameless =
        new ApplicationIdentity(null, null, Instant.parse("2026-12-05T10:15:30Z"));

    assertThat(RecorderFactory.toConfig(new CheckpointProperties(), nameless))
        .isEqualTo(
            CheckpointConfig.builder().runId("manual-unknown-service-20261205T101530Z").build());
  }

  @Test
  void theApplicationNamesTheServiceAndItsManualRunUnlessConfigured() {
    ApplicationIdentity clinic =
        new ApplicationIdentity(null, PetClinicApplication.class, Instant.EPOCH);
    CheckpointProperties configured = new CheckpointProperties();
    configured.setRunId("nightly-7");

    CheckpointConfig derived = RecorderFactory.toConfig(new CheckpointProperties(), clinic);

    assertThat(derived.serviceName()).isEqualTo("pet-clinic");
    assertThat(derived.runId()).isEqualTo("manual-pet-clinic-19700101T000000Z");
    assertThat(RecorderFactory.toConfig(configured, clinic).runId()).isEqualTo("nightly-7");
    assertThat(
            RecorderFactory.toConfig(
                    new CheckpointProperties(),
                    new ApplicationIdentity("orders", PetClinicApplication.class, Instant.EPOCH))
                .serviceName())
        .isEqualTo("orders");
  }

  /** Named as a Spring Boot application's main class usually is. */
  static final class PetClinicApplication {}

  @Test
  void configurationMetadataDescribesTheProperties() throws Exception {
    try (InputStream metadata =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(metadata).as("metadata generated by the configuration processor").isNotNull();
      String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json)
          .contains(
              "\"checkpoint.mode\"", "\"checkpoint.export.timeout\"", "\"checkpoint.web.enabled\"")
          .contains("Whether HTTP requests are recorded by the servlet filter");
    }
  }

  @Test
  void propertiesBindToTheRecorder() {
    runner
        .withPropertyValues(
            "spring.application.name=orders",
            "checkpoint.mode=on-demand",
            "checkpoint.run-id=nightly-42",
            "checkpoint.exporter=none",
            "checkpoint.max-payload-bytes=2KB",
            "checkpoint.max-rows=7",
            "checkpoint.redact-keys=ssn,/^x-internal-/",
            "checkpoint.export.interval=250ms")
        .run(
            context -> {
              CheckpointRecorder recorder = context.getBean(CheckpointRecorder.class);
              assertThat(recorder.service()).isEqualTo("orders");
              assertThat(recorder.control().state())
                  .isEqualTo(new RecordingControl.State(RecordingMode.ON_DEMAND, "nightly-42"));
              assertThat(recorder.maxRows()).isEqualTo(7);
              assertThat(recorder.capture().maxBytes()).isEqualTo(2048);
              assertThat(recorder.capture().redaction().isSecret("X-Internal-Route")).isTrue();
              assertThat(recorder.capture().redaction().isSecret("customer_ssn")).isTrue();
              assertThat(recorder.exporter()).isSameAs(context.getBean(InMemoryExporter.class));
              CheckpointProperties properties = context.getBean(CheckpointProperties.class);
              assertThat(properties.getExport().getInterval()).hasMillis(250);
              assertThat(context).hasSingleBean(RecorderShutdown.class);
            });
  }

  @Test
  void theCoreEnvironmentVariablesStillWork() {
    Map<String, Object> environment =
        Map.of(
            "CHECKPOINT_MODE", "ON",
            "CHECKPOINT_SERVICE_NAME", "payments",
            "CHECKPOINT_MAX_ROWS", "3",
            "CHECKPOINT_CONTROL_TOKEN", "s3cret");
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            environment)))
        .run(
            context -> {
              CheckpointRecorder recorder = context.getBean(CheckpointRecorder.class);
              assertThat(recorder.control().state().mode()).isEqualTo(RecordingMode.ON);
              assertThat(recorder.service()).isEqualTo("payments");
              assertThat(recorder.maxRows()).isEqualTo(3);
              assertThat(recorder.control().isEnabled()).isTrue();
              assertThat(context).hasSingleBean(ServletRegistrationBean.class);
            });
  }

  @Test
  void jsonlExporterWritesTheFileAndIsFlushedWhenTheContextCloses(@TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("recorded/checkpoints.jsonl");
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(CheckpointAutoConfiguration.class))
        .withPropertyValues(
            "checkpoint.mode=ON",
            "checkpoint.service-name=offline",
            "checkpoint.exporter=jsonl",
            "checkpoint.jsonl-path=" + file)
        .run(
            context -> {
              try (ActiveCheckpoint checkpoint =
                  Checkpoints.start("OfflineJob.run", Map.of("batch", 7))) {
                checkpoint.setOutput("done");
              }
            });

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    assertThat(RecordedJson.parse(lines.get(0)).path("name").asText()).isEqualTo("OfflineJob.run");
    assertThat(RecordedJson.parse(lines.get(0)).path("service").asText()).isEqualTo("offline");
  }

  @Test
  void serviceNameWinsOverTheApplicationName() {
    runner
        .withPropertyValues("spring.application.name=orders", "checkpoint.service-name=billing")
        .run(
            context ->
                assertThat(context.getBean(CheckpointRecorder.class).service())
                    .isEqualTo("billing"));
  }

  @Test
  void everyInstrumentationIsConfiguredByDefault() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(CheckpointRecorder.class);
          assertThat(context).hasSingleBean(FilterRegistrationBean.class);
          assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
          assertThat(context).hasSingleBean(CheckpointClientHttpRequestInterceptor.class);
          assertThat(context).hasSingleBean(RestClientCustomizer.class);
          assertThat(context).hasSingleBean(CheckpointExchangeFilterFunction.class);
          assertThat(context).hasSingleBean(WebClientCustomizer.class);
          assertThat(context).hasSingleBean(DataSourceWrapper.class);
          assertThat(context).hasSingleBean(Advisor.class);
          assertThat(context).hasSingleBean(RabbitInstrumentation.class);
          assertThat(context).hasSingleBean(RabbitListenerContainers.class);
          assertThat(context).hasSingleBean(LettuceInstrumentation.class);
          assertThat(context).doesNotHaveBean(CheckpointWebFilter.class);
        });
  }

  @Test
  void aReactiveApplicationGetsTheWebFilterInsteadOfTheServletFilter() {
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                CheckpointAutoConfiguration.class,
                CheckpointWebAutoConfiguration.class,
                CheckpointWebFluxAutoConfiguration.class))
        .withBean(InMemoryExporter.class, InMemoryExporter::create)
        .run(
            context -> {
              assertThat(context).hasSingleBean(CheckpointWebFilter.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            });
  }

  @Test
  void controlEndpointIsMountedWithAToken() {
    runner
        .withPropertyValues("checkpoint.control-token=s3cret")
        .run(
            context -> {
              ServletRegistrationBean<?> registration =
                  context.getBean(ServletRegistrationBean.class);
              assertThat(registration.getUrlMappings())
                  .containsExactly(CheckpointControlServlet.PATH);
            });
  }

  @Test
  void backsOffEntirelyWhenSwitchedOff() {
    runner
        .withPropertyValues("checkpoint.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(CheckpointRecorder.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
              assertThat(context).doesNotHaveBean(CheckpointClientHttpRequestInterceptor.class);
              assertThat(context).doesNotHaveBean(DataSourceWrapper.class);
              assertThat(context).doesNotHaveBean(Advisor.class);
              assertThat(context).doesNotHaveBean(RabbitInstrumentation.class);
              assertThat(context).doesNotHaveBean(LettuceInstrumentation.class);
            });
  }

  @Test
  void leavesRecordingToTheJavaAgent() {
    runner
        .withPropertyValues("checkpoint.agent=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(CheckpointRecorder.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
              assertThat(context).doesNotHaveBean(CheckpointClientHttpRequestInterceptor.class);
              assertThat(context).doesNotHaveBean(DataSourceWrapper.class);
              assertThat(context).doesNotHaveBean(Advisor.class);
              assertThat(context).hasSingleBean(CheckpointIds.class);
            });
  }

  @Test
  void eachInstrumentationCanBeSwitchedOff() {
    runner
        .withPropertyValues(
            "checkpoint.web.enabled=false",
            "checkpoint.http-client.enabled=false",
            "checkpoint.jdbc.enabled=false",
            "checkpoint.annotations.enabled=false",
            "checkpoint.amqp.enabled=false",
            "checkpoint.redis.enabled=false",
            "checkpoint.control-token=s3cret")
        .run(
            context -> {
              assertThat(context).hasSingleBean(CheckpointRecorder.class);
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
              assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
              assertThat(context).doesNotHaveBean(CheckpointClientHttpRequestInterceptor.class);
              assertThat(context).doesNotHaveBean(CheckpointExchangeFilterFunction.class);
              assertThat(context).doesNotHaveBean(DataSourceWrapper.class);
              assertThat(context).doesNotHaveBean(Advisor.class);
              assertThat(context).doesNotHaveBean(RabbitInstrumentation.class);
              assertThat(context).doesNotHaveBean(RabbitListenerContainers.class);
              assertThat(context).doesNotHaveBean(LettuceInstrumentation.class);
            });
  }

  @Test
  void anApplicationRecorderReplacesTheStartersOwn() {
    CheckpointRecorder own = CheckpointRecorder.builder().service("own").build();
    runner
        .withBean(CheckpointRecorder.class, () -> own)
        .run(
            context -> {
              assertThat(context.getBean(CheckpointRecorder.class)).isSameAs(own);
              assertThat(context).doesNotHaveBean(RecorderShutdown.class);
              assertThat(context).hasSingleBean(FilterRegistrationBean.class);
            });
  }

  @Test
  void invalidValueStopsTheStartNamingTheProperty(CapturedOutput output) {
    runner
        .withPropertyValues("checkpoint.max-rows=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("checkpoint.max-rows"));

    Throwable failure = startFailing("--checkpoint.run-id=not a run id");

    assertThat(failure).isNotNull();
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Invalid value 'not a run id' for configuration property 'checkpoint.run-id'")
        .contains("A run id must be " + RunId.RULE + ".");
  }

  @Test
  void unknownModeStopsTheStartListingTheModes(CapturedOutput output) {
    Throwable failure = startFailing("--checkpoint.mode=SOMETIMES");

    assertThat(failure).isNotNull();
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Failed to bind properties under 'checkpoint.mode'")
        .contains("Value: \"SOMETIMES\"")
        .contains("OFF", "ON", "ON_DEMAND");
  }

  private static Throwable startFailing(String... args) {
    SpringApplication application = new SpringApplication(RecorderOnly.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    try {
      application.run(args).close();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration(CheckpointAutoConfiguration.class)
  static class RecorderOnly {}
}
