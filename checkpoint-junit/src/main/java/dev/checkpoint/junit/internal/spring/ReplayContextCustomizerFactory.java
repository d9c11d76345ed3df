package dev.checkpoint.junit.internal.spring;

import dev.checkpoint.junit.internal.ReplayAssets;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Gives the application context of a {@code @CheckpointReplay} test class the replaying beans and
 * settings ({@link ReplayContextCustomizer}); other test classes are left alone.
 */
public final class ReplayContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    List<String> assets = ReplayAssets.names(testClass);
    return assets.isEmpty() ? null : new ReplayContextCustomizer(testClass, assets);
  }
}
