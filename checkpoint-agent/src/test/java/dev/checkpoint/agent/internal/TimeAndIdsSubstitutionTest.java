package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TimeAndIdsSubstitutionTest {

  private final TimeAndIdsSubstitution substitution = Instrumentations.timeAndIdsSubstitution();

  @Test
  void theApplicationsCallsOfTheClockAndOfRandomIdsCallTheBridge() throws Exception {
    byte[] rewritten =
        substitution.transform(
            null, getClass().getClassLoader(), "example/plain/ClockServlet", null, null, bytes());
    String text = new String(rewritten, StandardCharsets.ISO_8859_1);
    assertThat(text)
        .contains("dev/checkpoint/agent/internal/bootstrap/TimeAndIds")
        .contains("instantNow")
        .contains("localDateNow");
  }

  @Test
  void aClassThatReadsNoTimeIsLeftAsItIs() throws Exception {
    assertThat(
            substitution.transform(
                null,
                getClass().getClassLoader(),
                "example/plain/Wiring",
                null,
                null,
                read("example/plain/Wiring")))
        .isNull();
  }

  @Test
  void ignoredPackagesAndClientsThatReplayAnswersAreNotTheApplication() {
    assertThat(substitution.isApplication("com/fasterxml/jackson/core/JsonFactory")).isFalse();
    assertThat(substitution.isApplication("org/postgresql/core/QueryExecutorImpl")).isFalse();
    assertThat(substitution.isApplication("okhttp3/internal/connection/RealCall")).isFalse();
    assertThat(substitution.isApplication("org/apache/commons/pool2/impl/GenericObjectPool"))
        .isFalse();
    assertThat(substitution.isApplication("dev/checkpoint/CheckpointClock")).isFalse();
    assertThat(substitution.isApplication("org/apache/kafka/common/utils/SystemTime")).isFalse();
    assertThat(substitution.isApplication("com/example/orders/OrderService")).isTrue();
  }

  @Test
  void noLibraryTheAgentHooksByNameHasItsTimeReadsSubstituted() {
    // A new hook's library must be added to Instrumentations.HOOKED_LIBRARIES (or be ignored).
    assertThat(Instrumentations.HOOKED_TYPES)
        .allSatisfy(
            type ->
                assertThat(substitution.isApplication(type.replace('.', '/'))).as(type).isFalse());
  }

  @Test
  void theBootstrapLoadersClassesAreNeverRewritten() throws Exception {
    assertThat(
            substitution.transform(null, null, "example/plain/ClockServlet", null, null, bytes()))
        .isNull();
  }

  private static byte[] bytes() throws IOException {
    return read("example/plain/ClockServlet");
  }

  private static byte[] read(String className) throws IOException {
    try (InputStream in =
        TimeAndIdsSubstitutionTest.class
            .getClassLoader()
            .getResourceAsStream(className + ".class")) {
      return in.readAllBytes();
    }
  }
}
