package dev.checkpoint.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Hands a class to a transformer only when its class file names an annotation type. A class that
 * uses an annotation, on itself or a member, holds the annotation's descriptor ({@code
 * Ldev/checkpoint/Checkpoint;}) as an entry of its constant pool; walking the pool costs far less
 * than Byte Buddy parsing the class and its methods to find out, for every class the application
 * loads, and less than searching the whole class file's bytes did. The bytes looked for may be the
 * descriptor's end ({@code /Checkpoint;}), which every package's annotation of that name shares.
 */
final class AnnotationPreFilter implements ClassFileTransformer {

  private final byte[] descriptor;
  private final ClassFileTransformer transformer;

  /**
   * Creates the filter.
   *
   * @param descriptor the annotation type's descriptor, or its end, such as {@code /Checkpoint;}
   * @param transformer what transforms the classes that name it
   */
  AnnotationPreFilter(String descriptor, ClassFileTransformer transformer) {
    this.descriptor = descriptor.getBytes(StandardCharsets.US_ASCII);
    this.transformer = transformer;
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
    return names(classfileBuffer)
        ? transformer.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer)
        : null;
  }

  /** Whether a UTF-8 entry of the class file's constant pool ends with the descriptor's bytes. */
  boolean names(byte[] classFile) {
    return ConstantPool.of(classFile).hasUtf8EndingWith(descriptor);
  }
}
