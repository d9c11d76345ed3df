package dev.checkpoint.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * For the tests of the agent's class file transformers: a transformer written as a lambda ({@link
 * ClassFileTransformer} has only default methods, so it is not a functional interface), and class
 * files read from the test class path.
 */
final class Transformers {

  /** What a transformer makes of a class: its new bytes, or null to leave it as it is. */
  @FunctionalInterface
  interface Transformation {
    byte[] apply(String className, byte[] classFile);
  }

  private Transformers() {}

  static ClassFileTransformer of(Transformation transformation) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(
          Module module,
          ClassLoader loader,
          String className,
          Class<?> classBeingRedefined,
          ProtectionDomain protectionDomain,
          byte[] classfileBuffer) {
        return transformation.apply(className, classfileBuffer);
      }
    };
  }

  /** The class file of a class on the test class path, by its internal name. */
  static byte[] classFile(String className) throws IOException {
    try (InputStream in = Transformers.class.getResourceAsStream("/" + className + ".class")) {
      return in.readAllBytes();
    }
  }
}
