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
 * The bytes looked for may be the descriptor's end ({@code /Checkpoint;}), which every package's
 * annotation of that name shares.
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

  /** Whether the class file holds the descriptor's bytes anywhere. */
  boolean names(byte[] classFile) {
    return contains(classFile, descriptor);
  }

  /**
   * Whether the bytes hold the marker's bytes (two or more) anywhere. The scan looks for the
   * marker's second byte first: the first, {@code /} of {@code /Checkpoint;}, is in nearly every
   * name of a class file, and trying each would cost a third more than the whole descriptor did.
   */
  static boolean contains(byte[] bytes, byte[] marker) {
    byte first = marker[0];
    byte second = marker[1];
    int last = bytes.length - marker.length;
    for (int i = 0; i <= last; i++) {
      if (bytes[i + 1] == second && bytes[i] == first && matchesAt(bytes, i, marker)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(byte[] bytes, int offset, byte[] marker) {
    for (int j = 1; j < marker.length; j++) {
      if (bytes[offset + j] != marker[j]) {
        return false;
      }
    }
    return true;
  }
}
