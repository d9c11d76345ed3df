package dev.checkpoint.spi;

/**
 * Found with {@link java.util.ServiceLoader} the first time {@link dev.checkpoint.Checkpoints} is
 * used, unless a recorder was installed explicitly.
 */
public interface RecorderProvider {

  /**
   * Creates the process-wide recorder from the environment.
   *
   * @return the recorder
   */
  Recorder create();
}
