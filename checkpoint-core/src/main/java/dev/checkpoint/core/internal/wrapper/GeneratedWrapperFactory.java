package dev.checkpoint.core.internal.wrapper;

import dev.checkpoint.spi.WrapperFactory;
import java.lang.System.Logger.Level;

/**
 * The wrapper factory {@code checkpoint-core} registers: generates one wrapper class per wrapped
 * type and class loader (with Byte Buddy), the first time the type is wrapped, so that a call
 * through a wrapper costs a recording check while recording is off instead of a JDK proxy's
 * reflective call and argument array.
 */
public final class GeneratedWrapperFactory implements WrapperFactory {

  private static final System.Logger LOG =
      System.getLogger(GeneratedWrapperFactory.class.getName());

  private static final ClassValue<Generation> GENERATIONS =
      new ClassValue<>() {
        @Override
        protected Generation computeValue(Class<?> type) {
          return new Generation(type);
        }
      };

  /** Creates the factory; {@link java.util.ServiceLoader} does. */
  public GeneratedWrapperFactory() {}

  @Override
  public <T> T wrap(Class<T> type, T implementation) {
    WrapperClass wrapperClass = GENERATIONS.get(type).wrapperClass();
    return wrapperClass == null ? null : type.cast(wrapperClass.wrap(implementation));
  }

  /**
   * Generates a type's wrapper class once. {@link ClassValue} may compute a value twice when two
   * threads race, and defining the class twice would fail, so the value only holds this and the
   * generation runs under its lock.
   */
  private static final class Generation {

    private final Class<?> type;
    private boolean done;
    private WrapperClass wrapperClass;
    private IllegalArgumentException rejection;

    Generation(Class<?> type) {
      this.type = type;
    }

    synchronized WrapperClass wrapperClass() {
      if (!done) {
        generate();
        done = true;
      }
      if (rejection != null) {
        throw new IllegalArgumentException(rejection.getMessage(), rejection);
      }
      return wrapperClass;
    }

    private void generate() {
      try {
        wrapperClass = WrapperGenerator.generate(type);
        if (wrapperClass == null) {
          LOG.log(
              Level.DEBUG,
              "Checkpoints.wrap uses a JDK proxy for {0}, which a generated class cannot reach",
              type.getName());
        }
      } catch (IllegalArgumentException e) {
        rejection = e;
      } catch (RuntimeException | LinkageError e) {
        if (!type.isInterface()) {
          rejection =
              new IllegalArgumentException(
                  "Checkpoints.wrap could not generate a wrapper of the class "
                      + type.getName()
                      + ": "
                      + e
                      + ". Wrap an interface instead.",
                  e);
          return;
        }
        LOG.log(
            Level.WARNING,
            "Checkpoints.wrap uses a JDK proxy for "
                + type.getName()
                + " because its wrapper class could not be generated: "
                + e,
            e);
      }
    }
  }
}
