package dev.checkpoint.core;

/** Undoes {@link Context#makeCurrent()} when closed; use it in try-with-resources. */
public interface Scope extends AutoCloseable {

  /** Restores the context that was current before. Never throws. */
  @Override
  void close();
}
