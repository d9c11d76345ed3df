package dev.checkpoint.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's rooms and doors, kept visible in code. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.checkpoint.server");

  @Test
  void thePublicPackageHoldsOnlyTheServerItsConfigurationAndItsCommand() {
    classes()
        .that()
        .resideInAPackage("dev.checkpoint.server")
        .and()
        .arePublic()
        .should()
        .haveFullyQualifiedName(CheckpointServer.class.getName())
        .orShould()
        .haveFullyQualifiedName(ServerConfig.class.getName())
        .orShould()
        .haveFullyQualifiedName(ServerConfig.Builder.class.getName())
        .orShould()
        .haveFullyQualifiedName(ServerCommand.class.getName())
        .check(CLASSES);
  }

  @Test
  void leavesTheLoggingConfigurationToTheApplicationThatEmbedsIt() {
    assertThat(CheckpointServer.class.getResource("/logback.xml")).isNull();
  }

  @Test
  void storageKnowsNothingOfHttpIngestionOrOperations() {
    noClasses()
        .that()
        .resideInAPackage("..server.internal.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.checkpoint.server",
            "..server.internal.http..",
            "..server.internal.ingest..",
            "..server.internal.ops..",
            "..server.internal.config..",
            "io.javalin..")
        .check(CLASSES);
  }

  @Test
  void onlyTheHttpLayerAndTheServerUseJavalin() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..server.internal.storage..", "..server.internal.ingest..", "..server.internal.ops..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.javalin..")
        .check(CLASSES);
  }
}
