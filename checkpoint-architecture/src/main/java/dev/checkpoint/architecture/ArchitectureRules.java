package dev.checkpoint.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of DESIGN.md's module layout, checked by every module's {@code ArchitectureTest} on its
 * own main classes, so that a rule is written once and holds everywhere.
 */
public final class ArchitectureRules {

  private static final DescribedPredicate<JavaClass> IMPLEMENTATION =
      resideInAnyPackage("..internal..", "..spi..").as("internal and spi packages");

  private static final DescribedPredicate<JavaClass> RECORDER_SETUP =
      DescribedPredicate.describe(
          "the starter's recorder setup",
          type ->
              type.getName().contains("AutoConfiguration")
                  || type.getSimpleName().equals("RecorderFactory")
                  || type.getSimpleName().equals("RecorderShutdown"));

  private ArchitectureRules() {}

  /**
   * The main classes of the module whose tests run: its {@code target/classes}, not its
   * dependencies, which their own modules check.
   *
   * @return the classes
   */
  public static JavaClasses moduleClasses() {
    return new ClassFileImporter().importPath(Path.of("target", "classes"));
  }

  /**
   * No package depends on another that depends back on it. An {@code internal} or {@code spi}
   * package implements the public API of its module, so its uses of that API do not count; every
   * other dependency does, between public packages and between internal ones alike.
   *
   * @return the rule
   */
  public static ArchRule noPackageCycles() {
    return slices()
        .matching("dev.(**)")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(IMPLEMENTATION, not(IMPLEMENTATION))
        .as("packages are free of cycles (internal and spi may use the public API)");
  }

  /**
   * A module's {@code internal} packages are a leaf of the module graph: only the module itself
   * uses them. What another module needs is public (an API, an SPI such as {@code
   * dev.checkpoint.spi}, or the instrumentation surface {@code
   * dev.checkpoint.core.instrumentation}).
   *
   * @param ownPackages the module's packages, such as {@code dev.checkpoint.core..}
   * @return the rule
   */
  public static ArchRule internalsStayInTheirModule(String... ownPackages) {
    String[] ownInternals =
        Arrays.stream(ownPackages)
            .map(own -> own.endsWith("..") ? own + "internal.." : own + ".internal..")
            .toArray(String[]::new);
    return noClasses()
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.checkpoint..internal..")
                .and(not(resideInAnyPackage(ownInternals))))
        .as("no class uses another module's internal packages")
        .because("internal packages are not a promise to anyone outside their module");
  }

  /**
   * Public classes of public packages are final (or abstract, for a test kit to extend): they are a
   * promise, and nobody subclasses them into a second one.
   *
   * @return the rule
   */
  public static ArchRule publicClassesAreFinal() {
    return classes()
        .that()
        .resideOutsideOfPackages("..internal..")
        .and()
        .arePublic()
        .and()
        .areNotInterfaces()
        .and()
        .areNotEnums()
        .and()
        .areNotAnnotations()
        .and()
        .areNotRecords()
        .and()
        .doNotHaveModifier(JavaModifier.ABSTRACT)
        .should()
        .haveModifier(JavaModifier.FINAL)
        .allowEmptyShould(true);
  }

  /**
   * Public methods of public classes neither take nor return a type of an {@code internal} package:
   * the API does not expose what may change in any release.
   *
   * @return the rule
   */
  public static ArchRule apiExposesNoInternalTypes() {
    return methods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideOutsideOfPackages("..internal..")
        .should(
            new ArchCondition<JavaMethod>("not expose types of internal packages") {
              @Override
              public void check(JavaMethod method, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                types.add(method.getRawReturnType());
                for (JavaClass type : types) {
                  if (type.getPackageName().contains(".internal")) {
                    events.add(
                        SimpleConditionEvent.violated(
                            method, method.getFullName() + " exposes " + type.getName()));
                  }
                }
              }
            })
        .allowEmptyShould(true);
  }

  /**
   * Instrumentation records through {@code dev.checkpoint.core.Instrumenter}, never the concrete
   * recorder or the core's internals, so that the agent and the starter can hand it any recorder.
   * The starter's auto-configuration, which creates the recorder, is the exception.
   *
   * @return the rule
   */
  public static ArchRule instrumentationUsesTheInstrumenter() {
    return noClasses()
        .that(not(RECORDER_SETUP))
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.checkpoint.core.CheckpointRecorder")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("dev.checkpoint.core.internal..")
        .as("instrumentation records through the Instrumenter");
  }
}
