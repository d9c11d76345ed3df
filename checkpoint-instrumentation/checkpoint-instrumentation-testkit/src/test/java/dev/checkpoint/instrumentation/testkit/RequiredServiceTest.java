package dev.checkpoint.instrumentation.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredServiceTest {

  @Test
  void aServerListeningOnThePortLetsTheTestRun() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatCode(() -> RequiredService.listening("Test server", server.getLocalPort(), "-"))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void withoutAServerTheTestIsSkippedWithTheServiceAndTheRemedy() throws Exception {
    // Under CI=true the test fails instead, after ten seconds of attempts.
    Assumptions.assumeFalse("true".equalsIgnoreCase(System.getenv("CI")));
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }

    assertThatThrownBy(() -> RequiredService.listening("Test server", port, "Start it."))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("Test server at 127.0.0.1:" + port + " is not reachable")
        .hasMessageContaining("Start it.");
  }
}
