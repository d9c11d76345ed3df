package dev.checkpoint.demo;

import dev.checkpoint.architecture.ModuleArchitectureTest;

/** The module's architecture rules (DESIGN.md), and its own. */
class ArchitectureTest extends ModuleArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint.demo.."};
  }
}
