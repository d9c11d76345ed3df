package dev.checkpoint.agent.internal;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Byte Buddy's descriptions of class files, kept between transformations, one cache per class
 * loader. The classes that reach Byte Buddy's matchers (drivers, pools, classes that use {@code
 * Checkpoint}) have their super types described too, and share many of them: without a cache, every
 * super type's class file is read and parsed again for each such class. Each cache is held by a
 * soft reference, so it gives way when memory is short.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {

  private final TypePool.CacheProvider bootstrap =
      new TypePool.CacheProvider.Simple.UsingSoftReference();

  /** Guarded by itself. */
  private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();

  TypePoolCache() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader classLoader) {
    if (classLoader == null) {
      return bootstrap;
    }
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(
          classLoader, loader -> new TypePool.CacheProvider.Simple.UsingSoftReference());
    }
  }
}
