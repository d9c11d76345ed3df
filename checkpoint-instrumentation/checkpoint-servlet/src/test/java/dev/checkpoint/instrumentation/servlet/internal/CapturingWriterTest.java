package dev.checkpoint.instrumentation.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.instrumentation.http.BodyBuffer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapturingWriterTest {

  /** Over a kilobyte, with characters of one to four bytes and a lone surrogate. */
  private static final String TEXT =
      "grüße € \uD83C\uDF31 ".repeat(40) + "lone \uD83C end" + "x".repeat(700);

  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "ISO-8859-1", "UTF-16"})
  void keepsWhatEachWriteIsAsBytesOfTheCharset(String name) {
    Charset charset = Charset.forName(name);
    StringWriter container = new StringWriter();
    BodyBuffer body = new BodyBuffer(1 << 16);
    PrintWriter writer =
        new CapturingWriter(new PrintWriter(container), body, charset).printWriter();

    writer.print(TEXT);
    writer.write(TEXT.toCharArray(), 5, 600);
    writer.write('!');
    writer.flush();

    assertThat(container.toString()).isEqualTo(TEXT + TEXT.substring(5, 605) + "!");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (String write : new String[] {TEXT, TEXT.substring(5, 605), "!"}) {
      expected.writeBytes(write.getBytes(charset));
    }
    assertThat(body.kept()).isEqualTo(expected.toByteArray());
    assertThat(body.total()).isEqualTo(expected.size());
  }

  @Test
  void anEmptyWriteAddsNothing() {
    BodyBuffer body = new BodyBuffer(64);
    PrintWriter writer =
        new CapturingWriter(new PrintWriter(new StringWriter()), body, StandardCharsets.UTF_8)
            .printWriter();

    writer.print("");
    writer.print("a");

    assertThat(body.kept()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
  }
}
