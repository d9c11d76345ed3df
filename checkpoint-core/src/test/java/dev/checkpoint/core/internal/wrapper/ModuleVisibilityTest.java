package dev.checkpoint.core.internal.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.checkpoint.Checkpoints;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Types in a named module that exports its package without opening it to checkpoint-core: the
 * wrapper cannot be defined in that package, so a public interface gets a wrapper in a class loader
 * of its own, a package-private one a JDK proxy, and a class is rejected.
 */
class ModuleVisibilityTest {

  private static final String MODULE = "fixture.shop";

  @TempDir static Path dir;

  private static ClassLoader loader;

  @BeforeAll
  static void compileAndLoadTheModule() throws IOException {
    Path src = dir.resolve("src");
    Path pkg = Files.createDirectories(src.resolve("fixture/shop"));
    Files.writeString(
        src.resolve("module-info.java"), "module " + MODULE + " { exports fixture.shop; }");
    Files.writeString(
        pkg.resolve("Quotes.java"),
        "package fixture.shop; public interface Quotes { long quote(int quantity); }");
    Files.writeString(
        pkg.resolve("Secret.java"), "package fixture.shop; interface Secret { String reveal(); }");
    Files.writeString(
        pkg.resolve("Pricer.java"),
        "package fixture.shop; public class Pricer { public long price() { return 7; } }");
    Files.writeString(
        pkg.resolve("Shop.java"),
        """
        package fixture.shop;
        public final class Shop implements Quotes, Secret {
          public long quote(int quantity) { return 100L * quantity; }
          public String reveal() { return "42"; }
        }
        """);
    Path classes = dir.resolve("classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
    try (var files = Files.walk(src)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
    }
    assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).isZero();
    Configuration configuration =
        ModuleLayer.boot()
            .configuration()
            .resolve(ModuleFinder.of(classes), ModuleFinder.of(), Set.of(MODULE));
    loader =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(configuration, ModuleVisibilityTest.class.getClassLoader())
            .findLoader(MODULE);
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(String type, Object implementation)
      throws ReflectiveOperationException {
    return Checkpoints.wrap((Class<Object>) loader.loadClass(type), implementation);
  }

  private static Object shop() throws ReflectiveOperationException {
    return loader.loadClass("fixture.shop.Shop").getConstructor().newInstance();
  }

  @Test
  void aPublicInterfaceGetsAGeneratedWrapperInAClassLoaderOfItsOwn() throws Exception {
    Object quotes = wrap("fixture.shop.Quotes", shop());

    assertThat(Proxy.isProxyClass(quotes.getClass())).isFalse();
    assertThat(quotes.getClass().getName()).startsWith("dev.checkpoint.wrapped.fixture.shop.");
    Method quote = loader.loadClass("fixture.shop.Quotes").getMethod("quote", int.class);
    assertThat(quote.invoke(quotes, 3)).isEqualTo(300L);
  }

  @Test
  void aPackagePrivateInterfaceFallsBackToAJdkProxy() throws Exception {
    Object secret = wrap("fixture.shop.Secret", shop());

    assertThat(Proxy.isProxyClass(secret.getClass())).isTrue();
    // The proxy cannot reach the method either, and says how to fix it when it is called.
    Method reveal = loader.loadClass("fixture.shop.Secret").getDeclaredMethod("reveal");
    assertThatThrownBy(() -> Proxy.getInvocationHandler(secret).invoke(secret, reveal, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("make the interface public or open its package");
  }

  @Test
  void aClassIsRejectedWithTheReason() throws Exception {
    Object pricer = loader.loadClass("fixture.shop.Pricer").getConstructor().newInstance();

    assertThatThrownBy(() -> wrap("fixture.shop.Pricer", pricer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Checkpoints.wrap cannot wrap the class fixture.shop.Pricer: its wrapper must be"
                + " defined in its package, and its module fixture.shop does not read"
                + " checkpoint-api. Open the package to checkpoint-core in a module that reads"
                + " checkpoint-api, or wrap an interface.");
  }
}
