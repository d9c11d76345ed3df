package dev.checkpoint.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.checkpoint.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The core's rooms: a plain model, and an instrumentation surface that hides the recorder. */
class ArchitectureTest extends ModuleArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint.core.."};
  }

  @Test
  void modelIsPlainValuesWithoutJacksonOrInternals() {
    noClasses()
        .that()
        .resideInAPackage("dev.checkpoint.core.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml..", "dev.checkpoint.core.internal..")
        .check(mainClasses());
  }

  @Test
  void theInstrumenterDoesNotExposeTheRecorderOrInternals() {
    noClasses()
        .that()
        .haveFullyQualifiedName(Instrumenter.class.getName())
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName(CheckpointRecorder.class.getName())
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("dev.checkpoint.core.internal..")
        .check(mainClasses());
  }
}
