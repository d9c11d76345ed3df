package dev.checkpoint.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.List;
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
              "jakarta/servlet/Servlet", returning(SERVLET)),
          List.of("org.hibernate."));

  private static ClassFileTransformer returning(byte[] bytes) {
    return Transformers.of((className, classFile) -> bytes);
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

  /** An interface is never transformed, whatever it extends. */
  interface OwnDataSource extends javax.sql.DataSource {}

  static class OwnPoolChild extends OwnPool {}

  @Test
  void aClassOfASkippedPackageIsLeftAsItIs() throws Exception {
    SuperTypePreFilter skippingHikari =
        new SuperTypePreFilter(
            Map.of("javax/sql/DataSource", returning(TRANSFORMED)), List.of("com.zaxxer.hikari."));
    String pool = "com/zaxxer/hikari/HikariDataSource";
    assertThat(
            skippingHikari.transform(
                null, getClass().getClassLoader(), pool, null, null, Transformers.classFile(pool)))
        .isNull();
    // Its subclasses elsewhere are not.
    String own = OwnPool.class.getName().replace('.', '/');
    assertThat(
            skippingHikari.transform(
                null, getClass().getClassLoader(), own, null, null, Transformers.classFile(own)))
        .isSameAs(TRANSFORMED);
  }

  @Test
  void anInterfaceIsLeftAsItIs() throws Exception {
    assertThat(transform(OwnDataSource.class.getName().replace('.', '/'))).isNull();
  }

  @Test
  void aClassAlreadySeenIsNotReadAgainAsASuperType() throws Exception {
    List<String> read = new ArrayList<>();
    ClassLoader counting =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          public InputStream getResourceAsStream(String name) {
            read.add(name);
            return super.getResourceAsStream(name);
          }
        };
    String pool = OwnPool.class.getName().replace('.', '/');
    String child = OwnPoolChild.class.getName().replace('.', '/');
    assertThat(filter.transform(null, counting, pool, null, null, Transformers.classFile(pool)))
        .isSameAs(TRANSFORMED);
    assertThat(read).contains("com/zaxxer/hikari/HikariDataSource.class");
    read.clear();
    assertThat(filter.transform(null, counting, child, null, null, Transformers.classFile(child)))
        .isSameAs(TRANSFORMED);
    assertThat(read).isEmpty();
  }

  @Test
  void theBootstrapClassLoadersClassesAreLeftAsTheyAre() throws Exception {
    assertThat(
            filter.transform(
                null,
                null,
                "org/sqlite/JDBC",
                null,
                null,
                Transformers.classFile("org/sqlite/JDBC")))
        .isNull();
  }

  private byte[] transform(String className) throws Exception {
    return filter.transform(
        getClass().getModule(),
        getClass().getClassLoader(),
        className,
        null,
        null,
        Transformers.classFile(className));
  }
}
