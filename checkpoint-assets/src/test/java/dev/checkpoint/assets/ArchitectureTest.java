package dev.checkpoint.assets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import dev.checkpoint.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ModuleArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint.assets.."};
  }

  @Test
  void dependsOnlyOnTheJdkJacksonAndTheVocabularyOfTheApi() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.checkpoint.assets..", "dev.checkpoint", "java..", "com.fasterxml.jackson..")
        .check(mainClasses());
  }
}
