package dev.rotor.it.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the PostgreSQL run, saying why and how to enable it, where no PostgreSQL is reachable (a
 * laptop); under {@code CI=true} that is a failure instead, never a silent skip.
 */
public class DatabaseAvailable implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!ItDatabase.isPostgres() || ItDatabase.postgresReachable()) {
      return ConditionEvaluationResult.enabled("database " + ItDatabase.kind() + " is available");
    }
    String why =
        "PostgreSQL is not reachable at "
            + ItDatabase.pgUrl()
            + " as "
            + ItDatabase.pgUser()
            + ". Start it, or point the tests elsewhere with -Drotor.it.pg.url=jdbc:postgresql://host:port/db"
            + " -Drotor.it.pg.user=... -Drotor.it.pg.password=...";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(why + " (CI=true: the PostgreSQL tests may not be skipped)");
    }
    return ConditionEvaluationResult.disabled("Skipping the PostgreSQL integration tests. " + why);
  }
}
