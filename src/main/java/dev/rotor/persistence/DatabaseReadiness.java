package dev.rotor.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the database answers: in the server's MicroProfile Health, and in ours. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  public static final String NAME = "database";

  @Resource(lookup = DatabaseMigration.DATA_SOURCE)
  DataSource dataSource;

  /** Whether a pooled connection is valid within two seconds. */
  public boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named(NAME).status(databaseAnswers()).build();
  }
}
