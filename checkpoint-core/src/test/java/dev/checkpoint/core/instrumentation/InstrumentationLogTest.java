package dev.checkpoint.core.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class InstrumentationLogTest {

  @Test
  void warnsOnceThenLogsAtDebug() {
    String name = "dev.checkpoint.test.instrumentation-log";
    Logger jul = Logger.getLogger(name);
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    jul.addHandler(handler);
    jul.setLevel(Level.ALL);
    jul.setUseParentHandlers(false);
    try {
      InstrumentationLog log = new InstrumentationLog(name);
      IllegalStateException first = new IllegalStateException("first");

      log.failed("Recording a thing", first);
      log.failed("Recording a thing", new IllegalStateException("second"));

      assertThat(records)
          .extracting(LogRecord::getLevel)
          .containsExactly(Level.WARNING, Level.FINE);
      assertThat(records.get(0).getMessage())
          .isEqualTo(
              "Recording a thing failed; the call went on unrecorded or partly recorded. Later"
                  + " failures here are logged at DEBUG.");
      assertThat(records.get(0).getThrown()).isSameAs(first);
    } finally {
      jul.removeHandler(handler);
    }
  }
}
