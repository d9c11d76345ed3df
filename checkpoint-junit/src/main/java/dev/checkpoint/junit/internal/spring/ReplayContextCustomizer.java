package dev.checkpoint.junit.internal.spring;

import dev.checkpoint.assets.Normaliser;
import dev.checkpoint.assets.replay.ReplayLedger;
import dev.checkpoint.core.replay.ReplayDataSource;
import dev.checkpoint.junit.internal.ReplayAssets;
import dev.checkpoint.junit.internal.ReplaySession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * What a replaying test class's application context gets: a data source that answers from the
 * running test's recording in place of every {@code DataSource} bean, Spring's HTTP clients sent to
 * the replay's stub ({@link ReplayBeans}), and settings that keep the application from talking to a
 * database while it starts (no schema or data scripts, no migrations, no DDL, no JDBC metadata),
 * with the database Hibernate is to speak the dialect of, as the recording names it.
 *
 * <p>Contexts are shared, as Spring caches them, between test classes that replay the same assets.
 */
final class ReplayContextCustomizer implements ContextCustomizer {

  static final String DATA_SOURCE = "checkpointReplayDataSource";

  private static final String HIBERNATE = "org.hibernate.SessionFactory";
  private static final String PRODUCT =
      "spring.jpa.properties.jakarta.persistence.database-product-name";
  private static final String MAJOR =
      "spring.jpa.properties.jakarta.persistence.database-major-version";
  private static final String MINOR =
      "spring.jpa.properties.jakarta.persistence.database-minor-version";
  private static final List<String> DIALECT =
      List.of("spring.jpa.database-platform", "spring.jpa.properties.hibernate.dialect", PRODUCT);

  private final Class<?> testClass;
  private final List<String> assets;

  ReplayContextCustomizer(Class<?> testClass, List<String> assets) {
    this.testClass = testClass;
    this.assets = List.copyOf(assets);
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    ConfigurableEnvironment environment = context.getEnvironment();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("spring.sql.init.mode", "never");
    settings.put("spring.jpa.hibernate.ddl-auto", "none");
    settings.put("spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access", "false");
    settings.put("spring.flyway.enabled", "false");
    settings.put("spring.liquibase.enabled", "false");
    settings.put("spring.test.database.replace", "none");
    IllegalStateException unknownDatabase = null;
    if (ClassUtils.isPresent(HIBERNATE, context.getClassLoader())
        && DIALECT.stream().noneMatch(environment::containsProperty)) {
      Optional<ReplayAssets.RecordedDatabase> database = ReplayAssets.database(testClass);
      database.ifPresent(
          found -> {
            settings.put(PRODUCT, found.productName());
            found.majorVersion().ifPresent(major -> settings.put(MAJOR, major));
            found.minorVersion().ifPresent(minor -> settings.put(MINOR, minor));
          });
      unknownDatabase = database.isPresent() ? null : noDatabase();
    }
    environment.getPropertySources().addFirst(new MapPropertySource(DATA_SOURCE, settings));

    DataSource replaying = new ReplayDataSource(ReplayContextCustomizer::ledger);
    if (context instanceof BeanDefinitionRegistry registry) {
      // Spring Boot's own data source backs off: nothing is configured or started for it.
      RootBeanDefinition definition = new RootBeanDefinition(DataSource.class, () -> replaying);
      definition.setPrimary(true);
      registry.registerBeanDefinition(DATA_SOURCE, definition);
    }
    context
        .getBeanFactory()
        .addBeanPostProcessor(new ReplayBeans(replaying, environment, unknownDatabase));
  }

  /* The running test's recorded calls; outside a test (start-up, @AfterEach) there are none. */
  private static ReplayLedger ledger() {
    Optional<ReplaySession> replaying = ReplaySession.replaying();
    return replaying.isPresent()
        ? replaying.get().ledger()
        : ReplayLedger.of(
            "no recording: no @CheckpointReplay test is running (SQL at start-up, in @BeforeAll"
                + " or @AfterEach methods is not replayed)",
            List.of(),
            Normaliser.none());
  }

  private IllegalStateException noDatabase() {
    List<String> missing = ReplayAssets.missing(testClass);
    String where =
        " (looked in "
            + ReplayAssets.currentAssetsDir()
            + " and under checkpoints/ on the class path)";
    return new IllegalStateException(
        "Cannot tell Hibernate which database the replay of "
            + testClass.getName()
            + " stands for: "
            + (missing.isEmpty()
                ? "none of its assets "
                    + assets
                    + where
                    + " has a SQL checkpoint naming it (attributes db.product.name and"
                    + " db.product.version). Record them again with this version of Checkpoint, or"
                    + " name the database once, such as"
                    + " spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect in the"
                    + " test's properties."
                : "its assets "
                    + missing
                    + " are missing"
                    + where
                    + ". Export them from the checkpoint server with 'checkpoint export --trace <id>"
                    + " --output "
                    + ReplayAssets.currentAssetsDir()
                    + " --name <scenario>/<step>'."));
  }

  /** Customizers are equal when they replay the same assets, so such classes share a context. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ReplayContextCustomizer that && assets.equals(that.assets);
  }

  @Override
  public int hashCode() {
    return assets.hashCode();
  }
}
