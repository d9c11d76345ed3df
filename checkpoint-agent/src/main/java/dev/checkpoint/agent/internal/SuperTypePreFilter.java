package dev.checkpoint.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Hands a class to a transformer only when one of its super types (classes and interfaces, at any
 * depth) is one of the given types. It reads only the class files' headers, and each super type's
 * once per class loader: Byte Buddy's {@code hasSuperType} parses each class whole (methods and
 * generic signatures included), and that parse, with the JIT compilation it sets off, was most of
 * what matching the application's classes against the JDBC points cost at start-up.
 */
final class SuperTypePreFilter implements ClassFileTransformer {

  private final Set<String> targets;
  private final ClassFileTransformer transformer;

  /**
   * Per class loader, whether a type (by internal name) has a target among its super types or is
   * one. Guarded by itself; the inner maps are concurrent.
   */
  private final Map<ClassLoader, Map<String, Boolean>> known = new WeakHashMap<>();

  /**
   * Creates the filter.
   *
   * @param targets the super types' internal names, such as {@code java/sql/Driver}
   * @param transformer what transforms the classes that have one of them
   */
  SuperTypePreFilter(Set<String> targets, ClassFileTransformer transformer) {
    this.targets = Set.copyOf(targets);
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
    // The agent ignores the bootstrap class loader's classes, which hold no driver or pool.
    if (loader == null || !inherits(loader, new ClassReader(classfileBuffer))) {
      return null;
    }
    return transformer.transform(
        module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  private boolean inherits(ClassLoader loader, ClassReader header) {
    if (isOrInherits(loader, header.getSuperName())) {
      return true;
    }
    for (String type : header.getInterfaces()) {
      if (isOrInherits(loader, type)) {
        return true;
      }
    }
    return false;
  }

  private boolean isOrInherits(ClassLoader loader, String type) {
    if (type == null) {
      return false;
    }
    if (targets.contains(type)) {
      return true;
    }
    // No other type of the JDK's java and javax packages extends a target (a JDBC Driver or
    // DataSource, the Servlet API is jakarta.servlet).
    if (type.startsWith("java/") || type.startsWith("javax/")) {
      return false;
    }
    Map<String, Boolean> inLoader;
    synchronized (known) {
      inLoader = known.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    }
    Boolean cached = inLoader.get(type);
    if (cached != null) {
      return cached;
    }
    boolean result;
    try (InputStream in = loader.getResourceAsStream(type + ".class")) {
      result = in != null && inherits(loader, new ClassReader(in.readAllBytes()));
    } catch (IOException | RuntimeException e) {
      // A super type that cannot be read cannot be matched by Byte Buddy either.
      result = false;
    }
    inLoader.put(type, result);
    return result;
  }
}
