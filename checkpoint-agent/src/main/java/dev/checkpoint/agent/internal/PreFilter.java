package dev.checkpoint.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * Hands a class to a transformer only when a test of its name or class file bytes passes, a test
 * that costs far less than Byte Buddy parsing the class to turn it down, for every class the
 * application loads.
 */
final class PreFilter implements ClassFileTransformer {

  /** What can be told of a class before it is parsed. */
  @FunctionalInterface
  private interface Test {
    boolean passes(String className, byte[] classFile);
  }

  private final Test test;
  private final ClassFileTransformer transformer;

  private PreFilter(Test test, ClassFileTransformer transformer) {
    this.test = test;
    this.transformer = transformer;
  }

  /**
   * Passes the given classes, by name. Byte Buddy matches a name only after it has a description of
   * the class, and its ignore matchers ({@code isSynthetic}) parse the class file for that: for the
   * points that are one class each (the HTTP client builders, the Kafka, Redis and RabbitMQ
   * clients) every class the application loads outside the ignored packages was parsed to be turned
   * down.
   *
   * @param names the classes' internal names, such as {@code okhttp3/OkHttpClient}
   * @param transformer what transforms them
   */
  static PreFilter named(Set<String> names, ClassFileTransformer transformer) {
    Set<String> listed = Set.copyOf(names);
    return new PreFilter(
        (className, classFile) -> className != null && listed.contains(className), transformer);
  }

  /**
   * Passes the classes whose class file names an annotation type. A class that uses an annotation,
   * on itself or a member, holds the annotation's descriptor ({@code Ldev/checkpoint/Checkpoint;})
   * as an entry of its constant pool; walking the pool costs far less than Byte Buddy parsing the
   * class and its methods to find out, and less than searching the whole class file's bytes did.
   * The bytes looked for may be the descriptor's end ({@code /Checkpoint;}), which every package's
   * annotation of that name shares.
   *
   * @param descriptor the annotation type's descriptor, or its end, such as {@code /Checkpoint;}
   * @param transformer what transforms the classes that name it
   */
  static PreFilter naming(String descriptor, ClassFileTransformer transformer) {
    byte[] marker = descriptor.getBytes(StandardCharsets.US_ASCII);
    return new PreFilter(
        (className, classFile) -> ConstantPool.of(classFile).hasUtf8EndingWith(marker),
        transformer);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer)
      throws IllegalClassFormatException {
    return test.passes(className, classfileBuffer)
        ? transformer.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer)
        : null;
  }
}
