package dev.checkpoint.instrumentation.kafka;

import dev.checkpoint.architecture.InstrumentationArchitectureTest;

/** The module's architecture rules (DESIGN.md), and its own. */
class ArchitectureTest extends InstrumentationArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint.instrumentation.kafka.."};
  }
}
