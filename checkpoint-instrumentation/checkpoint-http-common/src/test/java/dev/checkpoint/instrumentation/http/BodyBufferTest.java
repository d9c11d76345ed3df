package dev.checkpoint.instrumentation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BodyBufferTest {

  @Test
  void keepsUpToTheLimitAndCountsEverything() {
    BodyBuffer body = new BodyBuffer(4);

    body.write('a');
    body.write(new byte[] {'b', 'c', 'd', 'e', 'f'}, 1, 4);
    body.skip(10);

    assertThat(body.kept()).containsExactly('a', 'c', 'd', 'e');
    assertThat(body.total()).isEqualTo(15);
    assertThat(body.room()).isZero();
  }

  @Test
  void copiesByteBuffersWithoutMovingThem() {
    BodyBuffer body = new BodyBuffer(100);
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3});
    buffer.get();

    body.write(buffer);

    assertThat(buffer.position()).isEqualTo(1);
    assertThat(body.kept()).containsExactly(2, 3);
  }

  @Test
  void resetForgetsAnEarlierSending() {
    BodyBuffer body = new BodyBuffer(100);
    body.write(new byte[] {1, 2}, 0, 2);

    body.reset();
    body.write(new byte[] {3}, 0, 1);

    assertThat(body.kept()).containsExactly(3);
    assertThat(body.total()).isEqualTo(1);
  }
}
