package dev.rotor;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.EntityManager;

/**
 * The component graph as rules, for any root package: {@code dev.rotor} in the build, a fixture
 * root in the test that proves each rule can fail. Arrows point one way: users ← sessions ← sso ←
 * oauth; keys and clients serve sessions and oauth; audit, problems, configuration, persistence and
 * metrics serve everyone and know no business component; security and http are shared the same way.
 * A component's boundary is its own, and raw SQL is written only by persistence adapters.
 */
final class ComponentRules {

  private final String root;

  ComponentRules(String root) {
    this.root = root;
  }

  private String component(String name) {
    return root + "." + name + "..";
  }

  ArchRule noCyclesBetweenComponents() {
    return slices()
        .matching(root + ".(*)..")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .because("each component must be understandable without the ones that use it");
  }

  ArchRule nothingDependsOnOauth() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(component("oauth"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(component("oauth"))
        .allowEmptyShould(true)
        .because("oauth is a face over sessions and clients, and its vocabulary stays in it");
  }

  ArchRule sessionsNeverDependOnOauth() {
    return noClasses()
        .that()
        .resideInAPackage(component("sessions"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(component("oauth"))
        .allowEmptyShould(true)
        .because("sessions report neutral reasons; oauth says them in RFC 6749's words");
  }

  ArchRule usersNeverDependOnSessions() {
    return noClasses()
        .that()
        .resideInAPackage(component("users"))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(component("sessions"))
        .allowEmptyShould(true)
        .because("users announce account events; sessions listen to them");
  }

  ArchRule problemsKnowNoOtherComponent() {
    return noClasses()
        .that()
        .resideInAPackage(component("problems"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            component("users"),
            component("sessions"),
            component("oauth"),
            component("clients"),
            component("keys"),
            component("sso"),
            component("audit"),
            component("security"),
            component("http"))
        .allowEmptyShould(true)
        .because("problems serve every component and special-case none");
  }

  ArchRule arrowsPointOneWay() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("oauth")
        .definedBy(component("oauth"))
        .layer("sso")
        .definedBy(component("sso"))
        .layer("sessions")
        .definedBy(component("sessions"))
        .layer("users")
        .definedBy(component("users"))
        .layer("clients")
        .definedBy(component("clients"))
        .layer("keys")
        .definedBy(component("keys"))
        .layer("shared")
        .definedBy(
            component("audit"),
            component("problems"),
            component("security"),
            component("http"),
            component("configuration"),
            component("persistence"),
            component("metrics"))
        .whereLayer("oauth")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("sso")
        .mayOnlyBeAccessedByLayers("oauth")
        .whereLayer("sessions")
        .mayOnlyBeAccessedByLayers("sso", "oauth")
        .whereLayer("users")
        .mayOnlyBeAccessedByLayers("sso", "sessions", "oauth")
        .whereLayer("clients")
        .mayOnlyBeAccessedByLayers("sessions", "oauth")
        .whereLayer("keys")
        .mayOnlyBeAccessedByLayers("sessions", "oauth")
        .because("users ← sessions ← sso ← oauth; keys and clients serve sessions and oauth");
  }

  ArchRule sharedComponentsKnowNoBusinessComponent() {
    return noClasses()
        .that()
        .resideInAnyPackage(
            component("audit"),
            component("problems"),
            component("security"),
            component("http"),
            component("configuration"),
            component("persistence"),
            component("metrics"))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            component("users"),
            component("sessions"),
            component("oauth"),
            component("clients"),
            component("keys"),
            component("sso"))
        .allowEmptyShould(true)
        .because("what everyone uses must not use anyone");
  }

  /**
   * One exception: {@code persistence.EclipseLinkSettings}, EclipseLink's session customizer, which
   * only persistence.xml names, so only EclipseLink (Payara) loads it; it turns off a behaviour
   * that no portable setting reaches (docs/architecture.md, JPA portability).
   */
  ArchRule noServerSpecificImports() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .doNotHaveFullyQualifiedName(root + ".persistence.EclipseLinkSettings")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.glassfish.jersey..",
            "org.jboss.resteasy..",
            "fish.payara..",
            "org.eclipse.persistence..",
            "org.hibernate..",
            "io.smallrye..")
        .allowEmptyShould(true)
        .because("the same WAR runs on Payara and WildFly: portable APIs only");
  }

  /**
   * A component's {@code boundary} (JAX-RS resources, timers, request and response records) is its
   * own face: another component uses its controls and entities, never its boundary.
   */
  ArchRule noComponentReachesIntoAnothersBoundary() {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(notDependOnAnotherComponentsBoundary())
        .allowEmptyShould(true)
        .because("a boundary may change with its HTTP face without breaking another component");
  }

  private ArchCondition<JavaClass> notDependOnAnotherComponentsBoundary() {
    return new ArchCondition<>("not depend on another component's boundary") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own = componentOf(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          String other = componentOf(target);
          if (other != null
              && !other.equals(own)
              && (target.getPackageName() + ".").startsWith(root + "." + other + ".boundary.")) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** The component a class belongs to: the package segment after the root, or null outside it. */
  private String componentOf(JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith(root + ".")) {
      return null;
    }
    String rest = name.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /**
   * JDBC ({@code java.sql}, {@code javax.sql}) and native queries only in persistence and in a
   * component's {@code control} layer, where its persistence adapters live ({@code
   * PostgresRotation}, the purge steps, ...): never in a boundary, an entity, or a shared component
   * other than persistence.
   */
  ArchRule rawSqlOnlyInPersistenceAdapters() {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackages(component("persistence"), root + ".*.control..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..")
        .orShould()
        .callMethodWhere(
            target(name("createNativeQuery")).and(target(owner(assignableTo(EntityManager.class)))))
        .allowEmptyShould(true)
        .because("SQL a JPA provider cannot check is kept where its component's tables are kept");
  }
}
