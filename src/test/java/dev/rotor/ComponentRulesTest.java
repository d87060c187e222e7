package dev.rotor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of the component graph fails on a forbidden import (the fixture in archfixture). */
class ComponentRulesTest {

  private static final String ROOT = "dev.rotor.archfixture";
  private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages(ROOT);
  private static final ComponentRules RULES = new ComponentRules(ROOT);

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("cycle", ComponentRules::noCyclesBetweenComponents, "Account"),
        rule("one-way arrows", ComponentRules::arrowsPointOneWay, "Login"),
        rule("nothing on oauth", ComponentRules::nothingDependsOnOauth, "TokenEndpoint"),
        rule("sessions on oauth", ComponentRules::sessionsNeverDependOnOauth, "Login"),
        rule("users on sessions", ComponentRules::usersNeverDependOnSessions, "Account"),
        rule("problems on others", ComponentRules::problemsKnowNoOtherComponent, "PathSpecialCase"),
        rule(
            "shared on business",
            ComponentRules::sharedComponentsKnowNoBusinessComponent,
            "PathSpecialCase"),
        rule("http on problems' side", ComponentRules::problemsKnowNoOtherComponent, "Rendering"),
        rule(
            "another's boundary",
            ComponentRules::noComponentReachesIntoAnothersBoundary,
            "SessionList"),
        rule(
            "JDBC in a boundary",
            ComponentRules::rawSqlOnlyInPersistenceAdapters,
            "SessionsByJdbc"),
        rule(
            "native query in an entity",
            ComponentRules::rawSqlOnlyInPersistenceAdapters,
            "NativeAccountQuery"));
  }

  private static Arguments rule(
      String name, Function<ComponentRules, ArchRule> rule, String offender) {
    return Arguments.of(name, rule, offender);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRuleFailsOnAForbiddenImport(
      String name, Function<ComponentRules, ArchRule> rule, String offender) {
    assertThatThrownBy(() -> rule.apply(RULES).check(FIXTURE))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(offender);
  }

  @Test
  void theRulesHoldWhereNoImportIsForbidden() {
    JavaClasses allowed =
        new ClassFileImporter()
            .importClasses(
                dev.rotor.archfixture.oauth.TokenEndpoint.class,
                dev.rotor.archfixture.users.Account.class,
                dev.rotor.archfixture.users.boundary.AccountResource.class,
                dev.rotor.archfixture.sessions.control.SessionSql.class);
    assertThatCode(() -> RULES.nothingDependsOnOauth().check(allowed)).doesNotThrowAnyException();
    assertThatCode(() -> RULES.noComponentReachesIntoAnothersBoundary().check(allowed))
        .doesNotThrowAnyException();
    assertThatCode(() -> RULES.rawSqlOnlyInPersistenceAdapters().check(allowed))
        .doesNotThrowAnyException();
  }
}
