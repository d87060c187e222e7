package dev.rotor.users.control;

import dev.rotor.persistence.DatabaseMigration;
import dev.rotor.users.entity.User;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads an account's public profile with one SELECT by primary key and no persistence context:
 * {@code GET /users/me} is on every client's hot path, and the entity manager, its unit of work and
 * a managed copy of the user cost more than the query. Never reads the password hash.
 */
@ApplicationScoped
public class Profiles {

  private static final String SQL =
      "SELECT username, roles, enabled, created_at FROM rotor_user WHERE id = ?";

  /** What a user may see of their own account. */
  public record Profile(
      String id, String username, Set<String> roles, boolean enabled, Instant createdAt) {}

  @Resource(lookup = DatabaseMigration.DATA_SOURCE)
  DataSource dataSource;

  public Optional<Profile> byId(String userId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setString(1, userId);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Profile(
                userId,
                row.getString("username"),
                User.parseRoles(row.getString("roles")),
                row.getBoolean("enabled"),
                Instant.ofEpochMilli(row.getLong("created_at"))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the profile of a user failed", e);
    }
  }
}
