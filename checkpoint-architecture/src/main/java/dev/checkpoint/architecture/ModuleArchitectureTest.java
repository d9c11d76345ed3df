package dev.checkpoint.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules every module keeps, run on the module's own main classes. A module's
 * {@code ArchitectureTest} extends this, names its packages, and adds the rules of its own.
 */
public abstract class ModuleArchitectureTest {

  private final JavaClasses classes = ArchitectureRules.moduleClasses();

  /**
   * The module's packages.
   *
   * @return patterns such as {@code dev.checkpoint.core..}
   */
  protected abstract String[] ownPackages();

  /**
   * The module's main classes.
   *
   * @return the classes
   */
  protected final JavaClasses mainClasses() {
    return classes;
  }

  @Test
  void packagesAreFreeOfCycles() {
    ArchitectureRules.noPackageCycles().check(classes);
  }

  @Test
  void internalPackagesAreUsedOnlyByTheirModule() {
    ArchitectureRules.internalsStayInTheirModule(ownPackages()).check(classes);
  }

  @Test
  void publicClassesAreFinal() {
    ArchitectureRules.publicClassesAreFinal().check(classes);
  }

  @Test
  void theApiExposesNoInternalTypes() {
    ArchitectureRules.apiExposesNoInternalTypes().check(classes);
  }
}
