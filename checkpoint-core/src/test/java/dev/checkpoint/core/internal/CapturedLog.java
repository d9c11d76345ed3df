package dev.checkpoint.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what is logged under one logger name while open; {@code System.Logger} writes to
 * java.util.logging in these tests.
 */
public final class CapturedLog implements AutoCloseable {

  private final Logger logger;
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          messages.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /**
   * Starts collecting.
   *
   * @param name the logger name
   */
  public CapturedLog(String name) {
    logger = Logger.getLogger(name);
    logger.addHandler(handler);
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
  }

  /**
   * Collects the HTTP exporter's log.
   *
   * @return the open log
   */
  public static CapturedLog httpExporter() {
    return new CapturedLog(BatchExportProcessor.class.getName() + ".http");
  }

  /**
   * What was logged so far, each as its level, a space and its message.
   *
   * @return a copy
   */
  public List<String> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(true);
  }
}
