package dev.checkpoint.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import dev.checkpoint.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ModuleArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint.contracts.."};
  }

  @Test
  void dependsOnlyOnTheJdkJacksonAndTheAssets() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.checkpoint.contracts..",
            "dev.checkpoint.assets",
            "dev.checkpoint",
            "java..",
            "com.fasterxml.jackson..")
        .check(mainClasses());
  }
}
