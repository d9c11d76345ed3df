package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreFilterTest {

  private static final byte[] TRANSFORMED = {1, 2, 3};

  private static final ClassFileTransformer TRANSFORMER =
      Transformers.of((className, classFile) -> TRANSFORMED);

  private final PreFilter named = PreFilter.named(Set.of("okhttp3/OkHttpClient"), TRANSFORMER);
  private final PreFilter naming = PreFilter.naming("/Checkpoint;", TRANSFORMER);

  @Test
  void aListedClassGoesToTheTransformer() throws Exception {
    assertThat(named.transform(null, null, "okhttp3/OkHttpClient", null, null, new byte[0]))
        .isSameAs(TRANSFORMED);
  }

  @Test
  void anyOtherClassIsLeftAsItIs() throws Exception {
    assertThat(named.transform(null, null, "okhttp3/OkHttpClient$Builder", null, null, new byte[0]))
        .isNull();
    assertThat(named.transform(null, null, null, null, null, new byte[0])).isNull();
  }

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
    return naming.transform(
        getClass().getModule(),
        getClass().getClassLoader(),
        className,
        null,
        null,
        Transformers.classFile(className));
  }
}
