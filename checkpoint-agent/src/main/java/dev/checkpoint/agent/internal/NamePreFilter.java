package dev.checkpoint.agent.internal;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * Hands a class to a transformer only when it is one of the given classes, by name. Byte Buddy
 * matches a name only after it has a description of the class, and its ignore matchers ({@code
 * isSynthetic}) parse the class file for that: for the points that are one class each (the HTTP
 * client builders, the Kafka, Redis and RabbitMQ clients) every class the application loads outside
 * the ignored packages was parsed to be turned down.
 */
final class NamePreFilter implements ClassFileTransformer {

  private final Set<String> names;
  private final ClassFileTransformer transformer;

  /**
   * Creates the filter.
   *
   * @param names the classes' internal names, such as {@code okhttp3/OkHttpClient}
   * @param transformer what transforms them
   */
  NamePreFilter(Set<String> names, ClassFileTransformer transformer) {
    this.names = Set.copyOf(names);
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
    return className != null && names.contains(className)
        ? transformer.transform(
            module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer)
        : null;
  }
}
