package dev.checkpoint.junit.internal.spring;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Puts the replaying data source in place of every other {@code DataSource} bean (an application's
 * own, or the embedded one a test slice puts in), and sends the calls of Spring's HTTP clients to
 * the replay's stub ({@link ReplayRedirect}) when Spring's web client is on the class path.
 */
final class ReplayBeans implements BeanPostProcessor {

  private static final boolean WEB =
      ClassUtils.isPresent(
          "org.springframework.web.client.RestClient", ReplayBeans.class.getClassLoader());

  private final DataSource replaying;
  private final Environment environment;

  ReplayBeans(DataSource replaying, Environment environment) {
    this.replaying = replaying;
    this.environment = environment;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource && bean != replaying) {
      return replaying;
    }
    return WEB ? ReplayRedirect.redirect(bean, environment) : bean;
  }
}
