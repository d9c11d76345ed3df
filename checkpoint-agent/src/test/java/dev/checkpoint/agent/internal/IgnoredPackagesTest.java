package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoredPackagesTest {

  private static final byte[] ORIGINAL = {0};

  /** The classes each transformation was given, with the bytes it was given. */
  private final List<String> seen = new ArrayList<>();

  private final IgnoredPackages transformer =
      new IgnoredPackages(
          List.of("org.springframework.", "java."),
          List.of("org.springframework.jdbc."),
          List.of(appending("first", (byte) 1), leaving("second"), appending("third", (byte) 3)));

  @Test
  void aClassOutsideTheIgnoredPackagesGoesThroughEveryTransformationInTurn() throws Exception {
    assertThat(transform(loader(), "org/hibernate/Session")).containsExactly(0, 1, 3);
    assertThat(seen)
        .containsExactly(
            "first org/hibernate/Session 1",
            "second org/hibernate/Session 2",
            "third org/hibernate/Session 2");
  }

  @Test
  void aClassOfAnIgnoredPackageReachesNoTransformation() throws Exception {
    assertThat(transform(loader(), "org/springframework/web/servlet/DispatcherServlet")).isNull();
    assertThat(transform(loader(), "java/net/http/HttpClient")).isNull();
    assertThat(seen).isEmpty();
  }

  @Test
  void aClassInstrumentedUnderAnIgnoredPackageGoesThrough() throws Exception {
    assertThat(transform(loader(), "org/springframework/jdbc/datasource/DriverManagerDataSource"))
        .containsExactly(0, 1, 3);
  }

  @Test
  void theBootstrapClassLoadersClassesReachNoTransformation() throws Exception {
    assertThat(transform(null, "org/hibernate/Session")).isNull();
    assertThat(seen).isEmpty();
  }

  @Test
  void aFailingTransformationLeavesTheClassToTheNextOnes() throws Exception {
    IgnoredPackages failing =
        new IgnoredPackages(
            List.of(),
            List.of(),
            List.of(
                Transformers.of(
                    (className, classFile) -> {
                      throw new IllegalStateException("broken");
                    }),
                appending("after", (byte) 7)));
    assertThat(failing.transform(null, loader(), "example/App", null, null, ORIGINAL))
        .containsExactly(0, 7);
  }

  private byte[] transform(ClassLoader loader, String className) throws Exception {
    return transformer.transform(null, loader, className, null, null, ORIGINAL);
  }

  private static ClassLoader loader() {
    return IgnoredPackagesTest.class.getClassLoader();
  }

  private ClassFileTransformer appending(String name, byte next) {
    return Transformers.of(
        (className, classFile) -> {
          seen.add(name + " " + className + " " + classFile.length);
          byte[] longer = Arrays.copyOf(classFile, classFile.length + 1);
          longer[classFile.length] = next;
          return longer;
        });
  }

  private ClassFileTransformer leaving(String name) {
    return Transformers.of(
        (className, classFile) -> {
          seen.add(name + " " + className + " " + classFile.length);
          return null;
        });
  }
}
