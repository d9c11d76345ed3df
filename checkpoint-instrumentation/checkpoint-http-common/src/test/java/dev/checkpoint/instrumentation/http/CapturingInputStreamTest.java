package dev.checkpoint.instrumentation.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CapturingInputStreamTest {

  private final BodyBuffer body = new BodyBuffer(100);
  private final AtomicInteger ends = new AtomicInteger();
  private final List<IOException> errors = new ArrayList<>();

  private CapturingInputStream capturing(InputStream in) {
    return new CapturingInputStream(in, body, ends::incrementAndGet, errors::add);
  }

  @Test
  void copiesWhatIsReadAndSkippedAndEndsAtTheEndOfTheBody() throws IOException {
    InputStream in =
        capturing(new ByteArrayInputStream("hello world".getBytes(StandardCharsets.UTF_8)));

    assertThat(in.read()).isEqualTo('h');
    assertThat(in.skip(2)).isEqualTo(2);
    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("lo world");

    assertThat(new String(body.kept(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    assertThat(ends).hasValue(1);
    assertThat(in.markSupported()).isFalse();
  }

  @Test
  void closingEndsTheBodyEvenWhenNotReadToTheEnd() throws IOException {
    InputStream in = capturing(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));

    in.read(new byte[2], 0, 2);
    in.close();

    assertThat(new String(body.kept(), StandardCharsets.UTF_8)).isEqualTo("he");
    assertThat(ends).hasValue(1);
  }

  @Test
  void aReadFailureIsReportedAndRethrownUnchanged() {
    IOException failure = new IOException("connection reset");
    InputStream in =
        capturing(
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw failure;
              }
            });

    assertThatThrownBy(in::read).isSameAs(failure);
    assertThat(errors).containsExactly(failure);
    assertThat(ends).hasValue(0);
  }
}
