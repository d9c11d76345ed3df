package dev.checkpoint.instrumentation.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for tests that need a real server: outside CI an unreachable server skips the tests with
 * a loud message; under {@code CI=true} it fails them, after giving a server that is still starting
 * a few seconds. Used by the JDBC (PostgreSQL, MariaDB) and RabbitMQ tests.
 */
public final class RequiredService {

  private static final int CI_ATTEMPTS = 10;

  private RequiredService() {}

  /**
   * Connects, or skips or fails the calling test when the server is not reachable.
   *
   * @param service the server, as the message names it, such as "PostgreSQL on 127.0.0.1:5432"
   * @param remedy how to start it
   * @param connect opens the connection
   * @param <T> the connection type
   * @return the connection
   * @throws Exception never in practice: an unreachable server aborts or fails the test
   */
  public static <T> T connect(String service, String remedy, Callable<T> connect) throws Exception {
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

  /**
   * Skips or fails the calling test, as {@link #connect} does, unless a server accepts connections
   * on the port of 127.0.0.1.
   *
   * @param service the server, as the message names it, such as "RabbitMQ"
   * @param port its port, such as 5672
   * @param remedy how to start it
   * @throws Exception never in practice: an unreachable server aborts or fails the test
   */
  public static void listening(String service, int port, String remedy) throws Exception {
    connect(
            service + " at 127.0.0.1:" + port,
            remedy,
            () -> {
              Socket socket = new Socket();
              socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
              return socket;
            })
        .close();
  }

  private static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
