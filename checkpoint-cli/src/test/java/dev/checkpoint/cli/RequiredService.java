package dev.checkpoint.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need a real server: outside CI an unreachable server skips the tests with
 * a loud message; under {@code CI=true} it fails them, after giving a server that is still starting
 * a few seconds.
 */
final class RequiredService {

  private static final int CI_ATTEMPTS = 10;

  private RequiredService() {}

  static <T> T connect(String service, String remedy, Callable<T> connect) throws Exception {
    int attempts = isCi() ? CI_ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return connect.call();
      } catch (Exception e) {
        if (attempt >= attempts) {
          String message =
              service
                  + " is not reachable ("
                  + e
                  + "). "
                  + remedy
                  + (isCi() ? "" : " Skipping these tests because CI is not 'true'.");
          if (isCi()) {
            fail(message, e);
          }
          System.err.println("\n*** " + message + " ***\n");
          Assumptions.abort(message);
        }
        Thread.sleep(1_000);
      }
    }
  }

  private static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
