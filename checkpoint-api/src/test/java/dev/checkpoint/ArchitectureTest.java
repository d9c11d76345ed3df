package dev.checkpoint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import dev.checkpoint.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The module's architecture rules (DESIGN.md), and its own. */
class ArchitectureTest extends ModuleArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint"};
  }

  @Test
  void dependsOnTheJdkOnly() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "dev.checkpoint", "dev.checkpoint.spi..", "dev.checkpoint.internal..")
        .check(mainClasses());
  }
}
