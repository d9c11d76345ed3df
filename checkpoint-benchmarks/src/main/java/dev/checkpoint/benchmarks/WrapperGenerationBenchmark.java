package dev.checkpoint.benchmarks;

import dev.checkpoint.Checkpoint;
import dev.checkpoint.Checkpoints;
import dev.checkpoint.internal.Wrappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one-time cost of the first {@code Checkpoints.wrap} of a type: generating, defining and
 * planning its wrapper class (and, for the JDK proxy, its proxy class). Each op wraps a type no
 * wrap has seen: a fresh copy of {@link Quotes}, loaded by a class loader of its own before the op.
 *
 * <p>Run as it is for the cost once Byte Buddy is warm (after the 20 types of the warm-up); with
 * {@code -wi 0 -i 1 -f 10} each fork measures its very first wrap, Byte Buddy's own loading and
 * start included.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 50)
@Fork(1)
@State(Scope.Thread)
public class WrapperGenerationBenchmark {

  /** The wrapped interface; every op wraps a fresh copy of it. */
  public interface Quotes {
    /**
     * Quotes a price.
     *
     * @param sku the product
     * @param quantity how many
     * @return the price in cents
     */
    @Checkpoint
    long quote(String sku, int quantity);

    /**
     * Names a product.
     *
     * @param sku the product
     * @return its name
     */
    String name(String sku);
  }

  /** The implementation, loaded with each copy of the interface. */
  public static final class FixedQuotes implements Quotes {
    /** Creates it. */
    public FixedQuotes() {}

    @Override
    public long quote(String sku, int quantity) {
      return 100L * quantity;
    }

    @Override
    public String name(String sku) {
      return sku;
    }
  }

  private Class<Object> type;
  private Object implementation;

  /**
   * Loads a fresh copy of the interface and its implementation.
   *
   * @throws ReflectiveOperationException never: the classes are this jar's own
   */
  @Setup(Level.Iteration)
  @SuppressWarnings("unchecked")
  public void loadFreshCopy() throws ReflectiveOperationException {
    ClassLoader loader = new CopyingLoader(getClass().getClassLoader());
    type = (Class<Object>) loader.loadClass(Quotes.class.getName());
    implementation =
        loader.loadClass(FixedQuotes.class.getName()).getDeclaredConstructor().newInstance();
  }

  /**
   * The first wrap of a type with checkpoint-core: its wrapper class is generated.
   *
   * @return the wrapper
   */
  @Benchmark
  public Object firstWrapGenerated() {
    return Checkpoints.wrap(type, implementation);
  }

  /**
   * The first JDK proxy of a type, as {@code Checkpoints.wrap} makes it without checkpoint-core.
   *
   * @return the proxy
   */
  @Benchmark
  public Object firstWrapProxy() {
    return Wrappers.proxy(type, implementation);
  }

  /**
   * Defines its own copy of the two classes and of this class, which declares them (reflection
   * checks that a nested class and its declaring class agree), and leaves every other class to its
   * parent.
   */
  private static final class CopyingLoader extends ClassLoader {

    CopyingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(Quotes.class.getName())
          && !name.equals(FixedQuotes.class.getName())
          && !name.equals(WrapperGenerationBenchmark.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
