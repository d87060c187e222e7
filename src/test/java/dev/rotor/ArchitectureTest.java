package dev.rotor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/** The component graph of the shipped code: the build fails on any cycle or forbidden arrow. */
@AnalyzeClasses(packages = "dev.rotor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final ComponentRules RULES = new ComponentRules("dev.rotor");

  @ArchTest
  static void noCyclesBetweenComponents(JavaClasses classes) {
    RULES.noCyclesBetweenComponents().check(classes);
  }

  @ArchTest
  static void arrowsPointOneWay(JavaClasses classes) {
    RULES.arrowsPointOneWay().check(classes);
  }

  @ArchTest
  static void nothingDependsOnOauth(JavaClasses classes) {
    RULES.nothingDependsOnOauth().check(classes);
  }

  @ArchTest
  static void sessionsNeverDependOnOauth(JavaClasses classes) {
    RULES.sessionsNeverDependOnOauth().check(classes);
  }

  @ArchTest
  static void usersNeverDependOnSessions(JavaClasses classes) {
    RULES.usersNeverDependOnSessions().check(classes);
  }

  @ArchTest
  static void problemsKnowNoOtherComponent(JavaClasses classes) {
    RULES.problemsKnowNoOtherComponent().check(classes);
  }

  @ArchTest
  static void sharedComponentsKnowNoBusinessComponent(JavaClasses classes) {
    RULES.sharedComponentsKnowNoBusinessComponent().check(classes);
  }

  @ArchTest
  static void noServerSpecificImports(JavaClasses classes) {
    RULES.noServerSpecificImports().check(classes);
  }

  @ArchTest
  static void noComponentReachesIntoAnothersBoundary(JavaClasses classes) {
    RULES.noComponentReachesIntoAnothersBoundary().check(classes);
  }

  @ArchTest
  static void rawSqlOnlyInPersistenceAdapters(JavaClasses classes) {
    RULES.rawSqlOnlyInPersistenceAdapters().check(classes);
  }
}
