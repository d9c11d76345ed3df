package dev.checkpoint.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;

/**
 * Hands a class to a transformer only when its class file names an annotation type. A class that
 * uses an annotation, on itself or a member, holds the annotation's descriptor ({@code
 * Ldev/checkpoint/Checkpoint;}) in its constant pool; looking for those bytes costs far less than
 * Byte Buddy parsing the class and its methods to find out, for every class the application loads.
 */
final class AnnotationPreFilter implements ClassFileTransformer {

  private final byte[] descriptor;
  private final ClassFileTransformer transformer;

  /**
   * Creates the filter.
   *
   * @param annotation the annotation type's name, such as {@code dev.checkpoint.Checkpoint}
   * @param transformer what transforms the classes that name it
   */
  AnnotationPreFilter(String annotation, ClassFileTransformer transformer) {
    this.descriptor =
        ("L" + annotation.replace('.', '/') + ";").getBytes(StandardCharsets.US_ASCII);
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

  /** Whether the class file holds the descriptor's bytes anywhere. */
  boolean names(byte[] classFile) {
    byte first = descriptor[0];
    int last = classFile.length - descriptor.length;
    for (int i = 0; i <= last; i++) {
      if (classFile[i] == first && matchesAt(classFile, i)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAt(byte[] classFile, int offset) {
    for (int j = 1; j < descriptor.length; j++) {
      if (classFile[offset + j] != descriptor[j]) {
        return false;
      }
    }
    return true;
  }
}
