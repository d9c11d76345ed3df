package dev.checkpoint.junit.internal;

import dev.checkpoint.core.Scope;
import dev.checkpoint.junit.ScenarioRun;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Behind {@link dev.checkpoint.junit.CheckpointScenario}: makes the scenario run's context current
 * from before each {@code @BeforeEach} method to after each {@code @AfterEach} method, and resolves
 * {@link ScenarioRun} parameters. Without a run id it does nothing.
 */
public final class ScenarioRunExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ScenarioRunExtension.class);
  private static final String RUN = "run";
  private static final String SCOPE = "scope";

  @Override
  public void beforeEach(ExtensionContext context) {
    run(context)
        .context()
        .ifPresent(scenario -> context.getStore(NAMESPACE).put(SCOPE, scenario.makeCurrent()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Scope scope = context.getStore(NAMESPACE).remove(SCOPE, Scope.class);
    if (scope != null) {
      scope.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ScenarioRun.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return run(context);
  }

  /** Read once per engine run; configuration parameters and system properties win over env. */
  private static ScenarioRun run(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            RUN,
            key -> {
              try {
                return ScenarioRun.from(
                    name ->
                        context
                            .getConfigurationParameter(name)
                            .orElseGet(() -> System.getProperty(name)),
                    System::getenv);
              } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
              }
            },
            ScenarioRun.class);
  }
}
