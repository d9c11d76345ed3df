package dev.checkpoint.instrumentation.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.error.ErrorPageRegistrar;
import org.springframework.http.HttpStatus;

/** The filter waits for error pages only where a page answers every error. */
class ErrorPagesTest {

  @Test
  void aGlobalPageCoversEveryError() {
    assertThat(
            ErrorPages.coverEveryError(
                registrars(
                    registry -> registry.addErrorPages(new ErrorPage(HttpStatus.NOT_FOUND, "/404")),
                    registry -> registry.addErrorPages(new ErrorPage("/error")))))
        .isTrue();
  }

  @Test
  void pagesForSomeErrorsOrNoneDoNot() {
    assertThat(
            ErrorPages.coverEveryError(
                registrars(
                    registry ->
                        registry.addErrorPages(new ErrorPage(HttpStatus.NOT_FOUND, "/404")))))
        .isFalse();
    assertThat(ErrorPages.coverEveryError(registrars())).isFalse();
  }

  private static ObjectProvider<ErrorPageRegistrar> registrars(ErrorPageRegistrar... registrars) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    for (int i = 0; i < registrars.length; i++) {
      beans.addBean("registrar" + i, registrars[i]);
    }
    return beans.getBeanProvider(ErrorPageRegistrar.class);
  }
}
