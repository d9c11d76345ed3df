package dev.checkpoint.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the dependency rules of DESIGN.md visible: api depends on nothing, internals stay in. */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.checkpoint");

  @Test
  void apiDependsOnTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("dev.checkpoint")
        .or()
        .resideInAnyPackage("dev.checkpoint.spi..", "dev.checkpoint.internal..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..", "dev.checkpoint", "dev.checkpoint.spi..", "dev.checkpoint.internal..")
        .check(classes);
  }

  @Test
  void coreInternalsAreUsedOnlyByCore() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.checkpoint.core..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.checkpoint.core.internal..")
                // The one exception: what the instrumentation modules share (their failure log),
                // kept in core so that jdbc and messaging need no dependency on http-common.
                .and(not(resideInAPackage("dev.checkpoint.core.internal.instrumentation.."))))
        .check(classes);
  }

  @Test
  void sharedInternalsAreUsedOnlyByCoreAndInstrumentation() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.checkpoint.core..", "dev.checkpoint.instrumentation..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.checkpoint.core.internal.instrumentation..")
        .check(classes);
  }

  @Test
  void sharedInternalsDependOnNoOtherInternals() {
    noClasses()
        .that()
        .resideInAPackage("dev.checkpoint.core.internal.instrumentation..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.checkpoint.core.internal..")
                .and(not(resideInAPackage("dev.checkpoint.core.internal.instrumentation.."))))
        .check(classes);
  }

  @Test
  void modelIsPlainValuesWithoutJacksonOrInternals() {
    noClasses()
        .that()
        .resideInAPackage("dev.checkpoint.core.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml..", "dev.checkpoint.core.internal..")
        .check(classes);
  }
}
