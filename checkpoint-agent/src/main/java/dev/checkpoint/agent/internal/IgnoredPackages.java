package dev.checkpoint.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Collection;
import java.util.List;

/**
 * The agent's one class file transformer: it turns down the bootstrap class loader's classes and
 * those of the packages the agent never instruments, by name and once for all of its
 * transformations, and hands any other class to each transformation in turn. Registered one by one,
 * every transformation read every class the application loads (a header parse, a byte search)
 * before finding it in a package it ignores.
 */
final class IgnoredPackages implements ClassFileTransformer {

  private final PackagePrefixes ignored;
  private final PackagePrefixes instrumented;
  private final List<ClassFileTransformer> transformations;

  /**
   * Creates the transformer.
   *
   * @param ignored package prefixes never instrumented, such as {@code org.springframework.}
   * @param instrumented names under them that are instrumented all the same, such as {@code
   *     org.springframework.jdbc.}
   * @param transformations what the other classes go to, in that order
   */
  IgnoredPackages(
      List<String> ignored, List<String> instrumented, List<ClassFileTransformer> transformations) {
    this.ignored = PackagePrefixes.of(ignored);
    this.instrumented = PackagePrefixes.of(instrumented);
    this.transformations = List.copyOf(transformations);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (loader == null || className == null || ignores(className)) {
      return null;
    }
    return inTurn(
        transformations,
        module,
        loader,
        className,
        classBeingRedefined,
        protectionDomain,
        classfileBuffer);
  }

  /**
   * Each transformation given what the one before it made; null when none changed the class. One
   * that throws is logged and passed over, as the JVM does between the transformers it calls
   * itself.
   */
  static byte[] inTurn(
      Collection<ClassFileTransformer> transformations,
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    byte[] current = classfileBuffer;
    for (ClassFileTransformer transformation : transformations) {
      try {
        byte[] transformed =
            transformation.transform(
                module, loader, className, classBeingRedefined, protectionDomain, current);
        if (transformed != null) {
          current = transformed;
        }
      } catch (IllegalClassFormatException | RuntimeException e) {
        FailureLog.failed(className, e);
      }
    }
    return current == classfileBuffer ? null : current;
  }

  /** Whether the class, by its internal name, is in a package the agent never instruments. */
  boolean ignores(String className) {
    return ignored.contain(className) && !instrumented.contain(className);
  }
}
