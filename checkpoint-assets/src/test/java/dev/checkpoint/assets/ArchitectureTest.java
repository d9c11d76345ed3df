package dev.checkpoint.assets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.checkpoint.assets");

  @Test
  void dependsOnlyOnTheJdkJacksonAndTheVocabularyOfTheApi() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.checkpoint.assets..", "dev.checkpoint", "java..", "com.fasterxml.jackson..")
        .check(CLASSES);
  }

  @Test
  void publicClassesAreFinalOrClosed() {
    classes()
        .that()
        .resideInAPackage("dev.checkpoint.assets")
        .and()
        .arePublic()
        .and()
        .areNotInterfaces()
        .and()
        .areNotEnums()
        .should()
        .haveModifier(JavaModifier.FINAL)
        .check(CLASSES);
  }

  @Test
  void theApiDoesNotExposeInternalTypes() {
    methods()
        .that()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.checkpoint.assets")
        .should(
            new ArchCondition<JavaMethod>("not expose dev.checkpoint.assets.internal types") {
              @Override
              public void check(JavaMethod method, ConditionEvents events) {
                List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                types.add(method.getRawReturnType());
                for (JavaClass type : types) {
                  if (type.getPackageName().startsWith("dev.checkpoint.assets.internal")) {
                    events.add(
                        SimpleConditionEvent.violated(
                            method, method.getFullName() + " exposes " + type.getName()));
                  }
                }
              }
            })
        .check(CLASSES);
  }
}
