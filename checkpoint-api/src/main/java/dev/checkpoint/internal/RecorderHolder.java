package dev.checkpoint.internal;

import dev.checkpoint.spi.Recorder;
import dev.checkpoint.spi.RecorderProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Holds the process-wide recorder. Discovery runs once, lazily, so that merely loading the API
 * costs nothing and a broken implementation degrades to no-op instead of failing the application.
 *
 * <p>Installed recorders form a stack: the last one installed is current, and removing it makes the
 * one installed before it current again. Two Spring contexts in one JVM (as a test run with several
 * cached contexts has) each install their recorder and remove it when they close.
 */
public final class RecorderHolder {

  private static final System.Logger LOG = System.getLogger(RecorderHolder.class.getName());

  private static volatile Recorder recorder;

  /** Recorders installed, oldest first; guarded by the class. */
  private static final Deque<Recorder> installed = new ArrayDeque<>();

  private RecorderHolder() {}

  /**
   * The installed recorder, discovering one on first use.
   *
   * @return the recorder, never {@code null}
   */
  public static Recorder get() {
    Recorder current = recorder;
    return current != null ? current : discover();
  }

  /**
   * Installs a recorder on top of the ones installed before; it is current until removed.
   *
   * @param newRecorder the recorder
   */
  public static synchronized void set(Recorder newRecorder) {
    installed.remove(newRecorder);
    installed.addLast(newRecorder);
    recorder = newRecorder;
  }

  /**
   * Removes an installed recorder. When it was current, the one installed before it becomes
   * current, or discovery runs again when there is none.
   *
   * @param oldRecorder the recorder
   * @return whether it was installed
   */
  public static synchronized boolean remove(Recorder oldRecorder) {
    boolean removed = installed.remove(oldRecorder);
    if (recorder == oldRecorder) {
      recorder = installed.peekLast();
    }
    return removed;
  }

  private static synchronized Recorder discover() {
    if (recorder == null) {
      recorder = load();
    }
    return recorder;
  }

  private static Recorder load() {
    try {
      Iterator<RecorderProvider> providers =
          ServiceLoader.load(RecorderProvider.class, RecorderHolder.class.getClassLoader())
              .iterator();
      if (providers.hasNext()) {
        return providers.next().create();
      }
    } catch (RuntimeException | ServiceConfigurationError e) {
      LOG.log(
          Level.ERROR,
          "Checkpoint recording is disabled because the recorder could not be created: "
              + e.getMessage(),
          e);
    }
    return NoopRecorder.INSTANCE;
  }
}
