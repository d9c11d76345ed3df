package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuperTypePreFilterTest {

  private static final byte[] TRANSFORMED = {1, 2, 3};

  private static final byte[] SERVLET = {4, 5, 6};

  private final SuperTypePreFilter filter =
      new SuperTypePreFilter(
          Map.of(
              "java/sql/Driver", returning(TRANSFORMED),
              "javax/sql/DataSource", returning(TRANSFORMED),
              "jakarta/servlet/Servlet", returning(SERVLET)));

  private static ClassFileTransformer returning(byte[] bytes) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(
          Module module,
          ClassLoader loader,
          String className,
          Class<?> classBeingRedefined,
          ProtectionDomain protectionDomain,
          byte[] classfileBuffer) {
        return bytes;
      }
    };
  }

  /** A pool two levels below the interface: HikariDataSource implements DataSource. */
  static class OwnPool extends HikariDataSource {}

  @Test
  void aDriverGoesToTheTransformer() throws Exception {
    assertThat(transform("org/sqlite/JDBC")).isSameAs(TRANSFORMED);
  }

  @Test
  void aSubclassOfAPoolGoesToTheTransformer() throws Exception {
    assertThat(transform(OwnPool.class.getName().replace('.', '/'))).isSameAs(TRANSFORMED);
    // Asked again, the pool's answer comes from what the filter has already read.
    assertThat(transform(OwnPool.class.getName().replace('.', '/'))).isSameAs(TRANSFORMED);
  }

  @Test
  void aServletGoesToItsOwnTransformerOnly() throws Exception {
    assertThat(transform("jakarta/servlet/http/HttpServlet")).isSameAs(SERVLET);
  }

  @Test
  void anyOtherClassIsLeftAsItIs() throws Exception {
    assertThat(transform("example/plain/Prices")).isNull();
    assertThat(transform("com/zaxxer/hikari/HikariConfig")).isNull();
  }

  @Test
  void theBootstrapClassLoadersClassesAreLeftAsTheyAre() throws Exception {
    assertThat(filter.transform(null, null, "org/sqlite/JDBC", null, null, read("org/sqlite/JDBC")))
        .isNull();
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
        SuperTypePreFilterTest.class.getResourceAsStream("/" + className + ".class")) {
      return in.readAllBytes();
    }
  }
}
