package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamePreFilterTest {

  private static final byte[] TRANSFORMED = {1, 2, 3};

  private final NamePreFilter filter =
      new NamePreFilter(
          Set.of("okhttp3/OkHttpClient"),
          new ClassFileTransformer() {
            @Override
            public byte[] transform(
                Module module,
                ClassLoader loader,
                String className,
                Class<?> classBeingRedefined,
                ProtectionDomain protectionDomain,
                byte[] classfileBuffer) {
              return TRANSFORMED;
            }
          });

  @Test
  void aListedClassGoesToTheTransformer() throws Exception {
    assertThat(filter.transform(null, null, "okhttp3/OkHttpClient", null, null, new byte[0]))
        .isSameAs(TRANSFORMED);
  }

  @Test
  void anyOtherClassIsLeftAsItIs() throws Exception {
    assertThat(
            filter.transform(null, null, "okhttp3/OkHttpClient$Builder", null, null, new byte[0]))
        .isNull();
    assertThat(filter.transform(null, null, null, null, null, new byte[0])).isNull();
  }
}
