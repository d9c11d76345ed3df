package dev.checkpoint.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.checkpoint.architecture.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The module's rooms and doors, kept visible in code. */
class ArchitectureTest extends ModuleArchitectureTest {

  @Override
  protected String[] ownPackages() {
    return new String[] {"dev.checkpoint.server.."};
  }

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
        .check(mainClasses());
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
        .check(mainClasses());
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
        .check(mainClasses());
  }
}
