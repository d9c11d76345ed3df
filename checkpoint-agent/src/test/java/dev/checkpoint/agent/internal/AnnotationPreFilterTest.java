package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.junit.jupiter.api.Test;

class AnnotationPreFilterTest {

  private static final byte[] TRANSFORMED = {1, 2, 3};

  private final AnnotationPreFilter filter =
      new AnnotationPreFilter(
          "/Checkpoint;",
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
  void aClassWithTheAnnotationOnAMethodGoesToTheTransformer() throws Exception {
    assertThat(transform("example/plain/Prices")).isSameAs(TRANSFORMED);
  }

  @Test
  void aClassWithoutTheAnnotationIsLeftAsItIs() throws Exception {
    assertThat(transform("example/plain/Wiring")).isNull();
  }

  @Test
  void aClassWithAnApplicationsOwnCheckpointAnnotationGoesToTheTransformer() throws Exception {
    assertThat(transform("example/plain/discounts/Discounts")).isSameAs(TRANSFORMED);
  }

  private byte[] transform(String className) throws Exception {
    return filter.transform(
        getClass().getModule(),
        getClass().getClassLoader(),
        className,
        null,
        null,
        read(className));
  }

  private static byte[] read(String className) throws IOException {
    try (InputStream in =
        AnnotationPreFilterTest.class.getResourceAsStream("/" + className + ".class")) {
      return in.readAllBytes();
    }
  }
}
