package dev.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** The API alone (no checkpoint-core on the class path) is a transparent no-op. */
class CheckpointsWithoutImplementationTest {

  interface Greeter {
    @Checkpoint
    String greet(String name) throws IOException;
  }

  @Test
  void recordRunsTheCallAndPassesExceptionsThrough() {
    assertThat(Checkpoints.record("x", "in", () -> "out")).isEqualTo("out");
    IOException failure = new IOException("down");
    assertThatThrownBy(
            () ->
                Checkpoints.record(
                    "x",
                    null,
                    () -> {
                      throw failure;
                    }))
        .isSameAs(failure);
  }

  @Test
  void startAndCurrentAreNoops() {
    try (ActiveCheckpoint checkpoint = Checkpoints.start("x", "in")) {
      assertThat(checkpoint.isRecording()).isFalse();
      assertThat(checkpoint.setAttribute("k", "v").setOutput("o").setError(new Exception()))
          .isSameAs(checkpoint);
    }
    assertThat(Checkpoints.current().isRecording()).isFalse();
  }

  @Test
  void wrappedInterfacePassesCallsAndCheckedExceptionsThrough() {
    Greeter greeter =
        Checkpoints.wrap(
            Greeter.class,
            name -> {
              if (name.isEmpty()) {
                throw new IOException("no name");
              }
              return "hello " + name;
            });
    assertThat(Proxy.isProxyClass(greeter.getClass()))
        .as("no wrapper factory: a JDK proxy")
        .isTrue();
    assertThatThrownBy(() -> greeter.greet(""))
        .isInstanceOf(IOException.class)
        .hasMessage("no name");
    assertThat(greeter).isEqualTo(greeter).isNotEqualTo(new Object());
    assertThat(greeter.hashCode()).isEqualTo(System.identityHashCode(greeter));
  }

  @Test
  void classesNeedTheCore() {
    assertThatThrownBy(() -> Checkpoints.wrap(StringBuilder.class, new StringBuilder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an interface, but java.lang.StringBuilder is a class")
        .hasMessageContaining("checkpoint-core");
    assertThat(Checkpoints.isEnabled()).isFalse();
  }

  @Test
  void nullArgumentsAreRejectedAtTheBoundary() {
    assertThatThrownBy(() -> Checkpoints.start(null, null)).hasMessage("name");
    assertThatThrownBy(() -> Checkpoints.wrap(Greeter.class, null)).hasMessage("implementation");
  }
}
