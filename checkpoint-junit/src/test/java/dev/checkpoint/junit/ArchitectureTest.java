package dev.checkpoint.junit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.checkpoint.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ModuleArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint.junit.."};
  }

  @Test
  void neverDependsOnInstrumentation() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.checkpoint.instrumentation..", "dev.checkpoint.server..")
        .check(mainClasses());
  }
}
