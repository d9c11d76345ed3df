package dev.checkpoint.instrumentation.spring.internal;

import dev.checkpoint.core.instrumentation.InstrumentationLog;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.error.ErrorPage;
import org.springframework.boot.web.error.ErrorPageRegistrar;

/** Whether the application's error pages answer every error, as Spring Boot's {@code /error}. */
public final class ErrorPages {

  private static final InstrumentationLog LOG = new InstrumentationLog(ErrorPages.class.getName());

  private ErrorPages() {}

  /**
   * Asks the registrars which pages they register, as the web server will.
   *
   * @param registrars the application's error page registrars
   * @return {@code true} when one registers a global page, rendered for every error
   */
  public static boolean coverEveryError(ObjectProvider<ErrorPageRegistrar> registrars) {
    List<ErrorPage> pages = new ArrayList<>();
    try {
      registrars
          .orderedStream()
          .forEach(registrar -> registrar.registerErrorPages(more -> pages.addAll(List.of(more))));
    } catch (RuntimeException e) {
      LOG.failed("Finding the application's error pages", e);
      return false;
    }
    return pages.stream().anyMatch(ErrorPage::isGlobal);
  }
}
