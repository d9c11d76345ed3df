package dev.checkpoint.server.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The "As curl" block must show what it runs and, pasted into bash, pass the recorded bytes. */
class CurlQuotingTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain value",
        "it's \"quoted\" \\ and $HOME `x`",
        "invoice\u202Efdp.exe",
        "zero\u200Bwidth and 'quote' and \\backslash",
        "line one\nline two\ttab\u0007bell",
        "ünïcödé \uD83D\uDE00 with\u2066isolate"
      })
  void bashReadsBackTheRecordedArgument(String argument) throws Exception {
    String quoted = CheckpointViews.quote(argument);

    assertThat(quoted.chars().noneMatch(c -> Format.deceptive((char) c)))
        .as("%s shows no character that disguises text", quoted)
        .isTrue();
    assertThat(printedByBash(quoted)).isEqualTo(argument);
  }

  private static String printedByBash(String quoted) throws IOException, InterruptedException {
    Process bash =
        new ProcessBuilder("bash", "-c", "printf %s " + quoted).redirectErrorStream(true).start();
    byte[] output = bash.getInputStream().readAllBytes();
    assertThat(bash.waitFor(10, TimeUnit.SECONDS)).as("bash ends").isTrue();
    return new String(output, StandardCharsets.UTF_8);
  }
}
