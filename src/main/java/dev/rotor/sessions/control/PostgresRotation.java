package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.persistence.ConnectionLoss;
import dev.rotor.persistence.DatabaseMigration;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rotation on PostgreSQL: the whole rotation of a valid refresh token as one statement: it
 * spends the token only if it is unspent, unexpired, the client's, and its session and user are
 * alive; and in the same statement inserts the successor, records the session's last use and the
 * {@code REFRESHED} audit event. One round trip, atomic on its own, and the same conditional UPDATE
 * as {@link JpaRotation}: of concurrent refreshes with one token exactly one row comes back. No row
 * means nothing was written; {@link JpaRotation} then finds out why. A statement whose answer was
 * lost with the connection may have been committed: {@link UnconfirmedRotations} undoes it before
 * the client's retry.
 */
@ApplicationScoped
public class PostgresRotation {

  // The parameters are bound in order of appearance (rotate()).
  private static final String SQL =
      """
      WITH spent AS (
          UPDATE refresh_token t SET spent_at = ?
            FROM rotor_session s, rotor_user u
           WHERE t.token_hash = ? AND t.spent_at IS NULL AND t.expires_at > ?
             AND s.id = t.session_id AND s.client_id = ?
             AND s.revoked_at IS NULL AND s.expires_at > ?
             AND u.id = s.user_id AND u.enabled
       RETURNING s.id AS session_id, s.expires_at AS session_expires_at, s.client_id, s.scope,
                 u.id AS user_id, u.username, u.roles
      ), successor AS (
          INSERT INTO %s
          SELECT session_id, ?, ?, LEAST(?, session_expires_at) FROM spent
      ), touched AS (
          UPDATE rotor_session SET last_used_at = ?
           WHERE id = (SELECT session_id FROM spent) AND last_used_at <= ?
      ), audited AS (
          INSERT INTO audit_event
                 (id, occurred_at, type, user_id, username, session_id, client_address, user_agent)
          SELECT ?, ?, ?, user_id, username, session_id, ?, ? FROM spent
      )
      SELECT session_id, session_expires_at, client_id, scope, user_id, username, roles FROM spent
      """
          .formatted(RefreshToken.INSERT_INTO);

  /** What the statement rotated: whom to sign the new access token for, and the successor's end. */
  public record Rotated(AccessTokenIssuer.Subject subject, Instant refreshExpiresAt) {}

  @Resource(lookup = DatabaseMigration.DATA_SOURCE)
  DataSource dataSource;

  @Inject TokenLifetimes lifetimes;

  @Inject UnconfirmedRotations unconfirmed;

  private static final System.Logger LOG = System.getLogger(PostgresRotation.class.getName());

  /**
   * Rotates the token with this hash, if it is live and the client's, to a successor with the given
   * hash; empty if nothing was rotated (and nothing written).
   */
  public Optional<Rotated> rotate(
      String presentedHash, String clientId, String successorHash, Origin origin, Instant now) {
    long at = now.toEpochMilli();
    String auditId = AuditEvent.newId(now);
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("refresh token rotation failed: no connection", e);
    }
    try {
      return execute(connection, presentedHash, clientId, successorHash, auditId, origin, now);
    } catch (SQLException e) {
      if (ConnectionLoss.isConnectionLoss(e)) {
        // Sent, but unanswered: it may have been committed. The client gets a 503 and retries.
        unconfirmed.remember(
            new UnconfirmedRotations.Unconfirmed(presentedHash, successorHash, at, auditId));
      }
      throw new IllegalStateException("refresh token rotation failed", e);
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // Back to the pool or not, what was answered stands: nothing to tell the client.
        LOG.log(System.Logger.Level.DEBUG, "closing a connection failed", e);
      }
    }
  }

  private Optional<Rotated> execute(
      Connection connection,
      String presentedHash,
      String clientId,
      String successorHash,
      String auditId,
      Origin origin,
      Instant now)
      throws SQLException {
    long at = now.toEpochMilli();
    Instant idleExpiry = now.plus(lifetimes.refreshIdle());
    try (PreparedStatement statement = connection.prepareStatement(SQL)) {
      int i = 0;
      statement.setLong(++i, at);
      statement.setString(++i, presentedHash);
      statement.setLong(++i, at);
      statement.setString(++i, clientId);
      statement.setLong(++i, at);
      statement.setString(++i, successorHash);
      statement.setLong(++i, at);
      statement.setLong(++i, idleExpiry.toEpochMilli());
      statement.setLong(++i, at);
      statement.setLong(++i, at - Session.LAST_USE_RESOLUTION.toMillis());
      statement.setString(++i, auditId);
      statement.setLong(++i, at);
      statement.setString(++i, AuditEvent.Type.REFRESHED.name());
      statement.setString(++i, origin.address());
      statement.setString(++i, origin.userAgent());
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Rotated(
                new AccessTokenIssuer.Subject(
                    row.getString("user_id"),
                    row.getString("username"),
                    User.parseRoles(row.getString("roles")),
                    row.getString("session_id"),
                    row.getString("client_id"),
                    row.getString("scope")),
                Session.refreshTokenExpiry(
                    idleExpiry, Instant.ofEpochMilli(row.getLong("session_expires_at")))));
      }
    }
  }
}
