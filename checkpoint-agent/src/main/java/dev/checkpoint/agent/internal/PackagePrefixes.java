package dev.checkpoint.agent.internal;

import java.util.Collection;
import java.util.List;

/**
 * Package prefixes given as Java names ({@code org.springframework.}) and matched against the
 * internal class names a class file transformer gets ({@code org/springframework/web/...}).
 */
final class PackagePrefixes {

  private final List<String> internal;

  private PackagePrefixes(List<String> internal) {
    this.internal = internal;
  }

  /** The prefixes, such as {@code org.springframework.} or {@code dev/checkpoint/}. */
  static PackagePrefixes of(Collection<String> prefixes) {
    return new PackagePrefixes(prefixes.stream().map(name -> name.replace('.', '/')).toList());
  }

  /** Whether the class, by its internal name, is in one of the packages. */
  boolean contain(String className) {
    for (String prefix : internal) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
