package dev.checkpoint.internal;

import dev.checkpoint.spi.Recorder;
import dev.checkpoint.spi.RecorderProvider;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Holds the process-wide recorder. Discovery runs once, lazily, so that merely loading the API
 * costs nothing and a broken implementation degrades to no-op instead of failing the application.
 */
public final class RecorderHolder {

  private static final System.Logger LOG = System.getLogger(RecorderHolder.class.getName());

  private static volatile Recorder recorder;

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
   * Installs a recorder, replacing the current one.
   *
   * @param newRecorder the recorder
   */
  public static synchronized void set(Recorder newRecorder) {
    recorder = newRecorder;
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
