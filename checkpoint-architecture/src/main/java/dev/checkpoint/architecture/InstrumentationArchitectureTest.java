package dev.checkpoint.architecture;

import org.junit.jupiter.api.Test;

/** The rules of an instrumentation module: the module's, and recording through the Instrumenter. */
public abstract class InstrumentationArchitectureTest extends ModuleArchitectureTest {

  @Test
  void recordsThroughTheInstrumenter() {
    ArchitectureRules.instrumentationUsesTheInstrumenter().check(mainClasses());
  }
}
