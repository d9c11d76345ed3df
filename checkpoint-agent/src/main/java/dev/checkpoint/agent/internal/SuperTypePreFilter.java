package dev.checkpoint.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Hands a class to a transformer only when one of its super types (classes and interfaces, at any
 * depth) is one of the types that transformer is for. It reads only the class files' headers, and
 * each super type's once per class loader for all the transformers together: Byte Buddy's {@code
 * hasSuperType} parses each class whole (methods and generic signatures included), and that parse,
 * with the JIT compilation it sets off, was most of what matching the application's classes against
 * the JDBC and servlet points cost at start-up.
 */
final class SuperTypePreFilter implements ClassFileTransformer {

  private final Map<String, ClassFileTransformer> byTarget;

  private final PackagePrefixes skipped;

  /**
   * Per class loader, the targets (by internal name) a type is or has among its super types, most
   * often none. Guarded by itself; the inner maps are concurrent.
   */
  private final Map<ClassLoader, Map<String, Set<String>>> known = new WeakHashMap<>();

  /**
   * Creates the filter.
   *
   * @param byTarget by super type's internal name, such as {@code java/sql/Driver}, what transforms
   *     the classes that have it
   * @param skipped packages with no class that has a target among its super types, such as {@code
   *     org.hibernate.}: their classes are left as they are, their super types not read
   */
  SuperTypePreFilter(Map<String, ClassFileTransformer> byTarget, List<String> skipped) {
    this.byTarget = Map.copyOf(byTarget);
    this.skipped = PackagePrefixes.of(skipped);
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
    // The agent ignores the bootstrap class loader's classes, which hold no driver, pool or
    // servlet.
    if (loader == null || className == null || skipped.contain(className)) {
      return null;
    }
    ClassReader header = new ClassReader(classfileBuffer);
    // Interfaces are never transformed; their super types are walked when a class implements them.
    if ((header.getAccess() & Opcodes.ACC_INTERFACE) != 0) {
      return null;
    }
    Map<String, Set<String>> inLoader = inLoader(loader);
    Set<String> found = inherited(loader, header);
    // A class is often loaded before the classes that extend it (a base class named in code):
    // kept, it is not read again as their super type.
    inLoader.putIfAbsent(className, found);
    if (found.isEmpty()) {
      return null;
    }
    Set<ClassFileTransformer> transformers = new LinkedHashSet<>();
    for (String target : found) {
      transformers.add(byTarget.get(target));
    }
    return IgnoredPackages.inTurn(
        transformers,
        module,
        loader,
        className,
        classBeingRedefined,
        protectionDomain,
        classfileBuffer);
  }

  private Set<String> inherited(ClassLoader loader, ClassReader header) {
    Set<String> found = null;
    String superName = header.getSuperName();
    if (superName != null) {
      found = union(found, targetsOf(loader, superName));
    }
    for (String type : header.getInterfaces()) {
      found = union(found, targetsOf(loader, type));
    }
    return found == null ? Set.of() : found;
  }

  private static Set<String> union(Set<String> found, Set<String> more) {
    if (more.isEmpty()) {
      return found;
    }
    if (found == null) {
      return more;
    }
    Set<String> both = new HashSet<>(found);
    both.addAll(more);
    return both;
  }

  private Map<String, Set<String>> inLoader(ClassLoader loader) {
    synchronized (known) {
      return known.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    }
  }

  /** The targets that the type is or has among its super types. */
  private Set<String> targetsOf(ClassLoader loader, String type) {
    if (byTarget.containsKey(type)) {
      return Set.of(type);
    }
    // No other type of the JDK's java and javax packages extends a target (a JDBC Driver or
    // DataSource, the Servlet API is jakarta.servlet).
    if (type.startsWith("java/") || type.startsWith("javax/")) {
      return Set.of();
    }
    Map<String, Set<String>> inLoader = inLoader(loader);
    Set<String> cached = inLoader.get(type);
    if (cached != null) {
      return cached;
    }
    Set<String> result;
    try (InputStream in = loader.getResourceAsStream(type + ".class")) {
      result = in == null ? Set.of() : inherited(loader, new ClassReader(in.readAllBytes()));
    } catch (IOException | RuntimeException e) {
      // A super type that cannot be read cannot be matched by Byte Buddy either.
      result = Set.of();
    }
    inLoader.put(type, result);
    return result;
  }
}
