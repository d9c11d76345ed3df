package dev.checkpoint.junit.internal.spring;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Puts the replaying data source in place of every other {@code DataSource} bean (an application's
 * own, or the embedded one a test slice puts in), sends the calls of Spring's HTTP clients to the
 * replay's stub ({@link ReplayRedirect}) when Spring's web client is on the class path, and stops a
 * JPA entity manager factory from starting when the database Hibernate is to speak to is not known,
 * with the reason, before Hibernate fails with its own.
 */
final class ReplayBeans implements BeanPostProcessor {

  private static final boolean WEB =
      ClassUtils.isPresent(
          "org.springframework.web.client.RestClient", ReplayBeans.class.getClassLoader());
  private static final String ENTITY_MANAGER_FACTORY =
      "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean";

  private final DataSource replaying;
  private final Environment environment;
  private final IllegalStateException unknownDatabase;

  ReplayBeans(
      DataSource replaying, Environment environment, IllegalStateException unknownDatabase) {
    this.replaying = replaying;
    this.environment = environment;
    this.unknownDatabase = unknownDatabase;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (unknownDatabase != null && isEntityManagerFactory(bean.getClass())) {
      throw unknownDatabase;
    }
    return bean;
  }

  private static boolean isEntityManagerFactory(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      if (current.getName().equals(ENTITY_MANAGER_FACTORY)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource && bean != replaying) {
      return replaying;
    }
    return WEB ? ReplayRedirect.redirect(bean, environment) : bean;
  }
}
