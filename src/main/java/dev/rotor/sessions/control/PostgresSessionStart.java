package dev.rotor.sessions.control;

import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.persistence.DatabaseMigration;
import dev.rotor.sessions.entity.RefreshToken;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The session start on PostgreSQL: a new session as one statement: the account's row is checked
 * (still enabled, still the password that was checked) and held with {@code FOR SHARE}, and the
 * session, its first refresh token and the {@code LOGIN_SUCCEEDED} audit event are inserted
 * together, atomic on their own, in one round trip and without a transaction to coordinate. The
 * same rows {@link JpaSessionStart} persists through JPA on every other database.
 */
@ApplicationScoped
public class PostgresSessionStart {

  // The parameters are bound in order of appearance (open()).
  private static final String SQL =
      """
      WITH account AS (
          SELECT id FROM rotor_user
           WHERE id = ? AND enabled = TRUE
             AND (CAST(? AS VARCHAR) IS NULL OR password_hash = ?)
             FOR SHARE
      ), opened AS (
          INSERT INTO rotor_session (id, user_id, client_id, scope, created_at, last_used_at,
                                     expires_at, user_agent, ip_address, browser_session_id)
          SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ? FROM account
       RETURNING id
      ), granted AS (
          INSERT INTO %s
          SELECT id, ?, ?, ? FROM opened
      )
      INSERT INTO audit_event
             (id, occurred_at, type, user_id, username, session_id, client_address, user_agent)
      SELECT ?, ?, ?, ?, ?, id, ?, ? FROM opened
      """
          .formatted(RefreshToken.INSERT_INTO);

  @Resource(lookup = DatabaseMigration.DATA_SOURCE)
  DataSource dataSource;

  /** Writes the session and returns its id. */
  public String open(SessionStart.Opening opening) {
    String sessionId = UUID.randomUUID().toString();
    long at = opening.now().toEpochMilli();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      int i = 0;
      statement.setString(++i, opening.who().userId());
      statement.setString(++i, opening.who().checkedPasswordHash());
      statement.setString(++i, opening.who().checkedPasswordHash());
      statement.setString(++i, sessionId);
      statement.setString(++i, opening.clientId());
      statement.setString(++i, opening.scope());
      statement.setLong(++i, at);
      statement.setLong(++i, at);
      statement.setLong(++i, opening.sessionExpiresAt().toEpochMilli());
      statement.setString(++i, opening.origin().userAgent());
      statement.setString(++i, opening.origin().address());
      statement.setString(++i, opening.browserSessionId());
      statement.setString(++i, opening.refreshTokenHash());
      statement.setLong(++i, at);
      statement.setLong(++i, opening.refreshExpiresAt().toEpochMilli());
      statement.setString(++i, AuditEvent.newId(opening.now()));
      statement.setLong(++i, at);
      statement.setString(++i, AuditEvent.Type.LOGIN_SUCCEEDED.name());
      statement.setString(++i, opening.who().userId());
      statement.setString(++i, opening.who().username());
      statement.setString(++i, opening.origin().address());
      statement.setString(++i, opening.origin().userAgent());
      if (statement.executeUpdate() == 0) {
        throw new AccountChangedMeanwhile();
      }
      return sessionId;
    } catch (SQLException e) {
      throw new IllegalStateException("opening a session failed", e);
    }
  }
}
