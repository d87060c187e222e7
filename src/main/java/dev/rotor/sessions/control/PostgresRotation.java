package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.persistence.ConnectionLoss;
import dev.rotor.persistence.DatabaseMigration;
import dev.rotor.persistence.GroupCommit;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The rotation on PostgreSQL: the whole rotation of valid refresh tokens as one statement: it
 * spends each token only if it is unspent, unexpired, the client's, and its session and user are
 * alive; and in the same statement inserts the successor, records the session's last use and the
 * {@code REFRESHED} audit event. The same conditional UPDATE as {@link JpaRotation}: of concurrent
 * refreshes with one token exactly one row comes back. No row for a request means nothing was
 * written for it; {@link JpaRotation} then finds out why.
 *
 * <p>One statement and one commit carry every refresh waiting at that moment ({@link GroupCommit}):
 * the round trip and the log flush, most of the database's work for a refresh, are shared (issue
 * 17). Each request's rows are its own (the statement joins the requests by their position), the
 * batch commits or fails as one, and each caller answers only after its batch committed. A
 * statement whose answer was lost with the connection may have been committed: {@link
 * UnconfirmedRotations} undoes each of its rotations before that client's retry.
 */
@ApplicationScoped
public class PostgresRotation {

  /** Refreshes written by one statement at most. */
  static final int MAX_BATCH = 64;

  // One row per request, by position n; the parameters are arrays, bound in order (execute()).
  private static final String SQL =
      """
      WITH input AS (
          SELECT * FROM unnest(CAST(? AS int[]), CAST(? AS text[]), CAST(? AS text[]),
                               CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),
                               CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]))
                     AS i(n, presented, client_id, successor, audit_id, at, idle_expiry,
                          address, agent)
      ), spent AS (
          UPDATE refresh_token t SET spent_at = i.at
            FROM input i, rotor_session s, rotor_user u
           WHERE t.token_hash = i.presented AND t.spent_at IS NULL AND t.expires_at > i.at
             AND s.id = t.session_id AND s.client_id = i.client_id
             AND s.revoked_at IS NULL AND s.expires_at > i.at
             AND u.id = s.user_id AND u.enabled
       RETURNING i.n, i.successor, i.audit_id, i.at, i.idle_expiry, i.address, i.agent,
                 s.id AS session_id, s.expires_at AS session_expires_at, s.client_id, s.scope,
                 u.id AS user_id, u.username, u.roles
      ), successor AS (
          INSERT INTO %s
          SELECT session_id, successor, at, LEAST(idle_expiry, session_expires_at) FROM spent
      ), touched AS (
          UPDATE rotor_session r SET last_used_at = used.at
            FROM (SELECT session_id, max(at) AS at FROM spent GROUP BY session_id) used
           WHERE r.id = used.session_id AND r.last_used_at <= used.at - %d
      ), audited AS (
          INSERT INTO audit_event
                 (id, occurred_at, type, user_id, username, session_id, client_address, user_agent)
          SELECT audit_id, at, '%s', user_id, username, session_id, address, agent FROM spent
      )
      SELECT n, session_id, session_expires_at, client_id, scope, user_id, username, roles
        FROM spent
      """
          .formatted(
              RefreshToken.INSERT_INTO,
              Session.LAST_USE_RESOLUTION.toMillis(),
              AuditEvent.Type.REFRESHED.name());

  /** What the statement rotated: whom to sign the new access token for, and the successor's end. */
  public record Rotated(AccessTokenIssuer.Subject subject, Instant refreshExpiresAt) {}

  /** One refresh to write. */
  record Request(
      String presentedHash,
      String clientId,
      String successorHash,
      String auditId,
      Origin origin,
      Instant now,
      Instant idleExpiry) {}

  @Resource(lookup = DatabaseMigration.DATA_SOURCE)
  DataSource dataSource;

  @Inject TokenLifetimes lifetimes;

  @Inject UnconfirmedRotations unconfirmed;

  private final GroupCommit<Request, Optional<Rotated>> batches =
      new GroupCommit<>(this::write, MAX_BATCH);

  private static final System.Logger LOG = System.getLogger(PostgresRotation.class.getName());

  /**
   * Rotates the token with this hash, if it is live and the client's, to a successor with the given
   * hash; empty if nothing was rotated (and nothing written for it).
   */
  public Optional<Rotated> rotate(
      String presentedHash, String clientId, String successorHash, Origin origin, Instant now) {
    return batches.submit(
        new Request(
            presentedHash,
            clientId,
            successorHash,
            AuditEvent.newId(now),
            origin,
            now,
            now.plus(lifetimes.refreshIdle())));
  }

  private List<Optional<Rotated>> write(List<Request> batch) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new IllegalStateException("refresh token rotation failed: no connection", e);
    }
    try {
      return execute(connection, batch);
    } catch (SQLException e) {
      if (ConnectionLoss.isConnectionLoss(e)) {
        // Sent, but unanswered: it may have been committed. The clients get a 503 and retry.
        for (Request r : batch) {
          unconfirmed.remember(
              new UnconfirmedRotations.Unconfirmed(
                  r.presentedHash(), r.successorHash(), r.now().toEpochMilli(), r.auditId()));
        }
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

  private static List<Optional<Rotated>> execute(Connection connection, List<Request> all)
      throws SQLException {
    // The same token twice in one batch (two tabs refreshing at once): only its first request is
    // sent; the others get no row, as the loser of two concurrent statements would, and JpaRotation
    // answers them after this batch committed.
    List<Request> batch = new ArrayList<>(all.size());
    int[] sent = new int[all.size()];
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < all.size(); k++) {
      sent[k] = seen.add(all.get(k).presentedHash()) ? batch.size() : -1;
      if (sent[k] >= 0) {
        batch.add(all.get(k));
      }
    }
    List<Optional<Rotated>> rotated = executeDistinct(connection, batch);
    List<Optional<Rotated>> results = new ArrayList<>(all.size());
    for (int k = 0; k < all.size(); k++) {
      results.add(sent[k] >= 0 ? rotated.get(sent[k]) : Optional.empty());
    }
    return results;
  }

  private static List<Optional<Rotated>> executeDistinct(Connection connection, List<Request> batch)
      throws SQLException {
    int size = batch.size();
    Integer[] positions = new Integer[size];
    String[] presented = new String[size];
    String[] clients = new String[size];
    String[] successors = new String[size];
    String[] auditIds = new String[size];
    Long[] at = new Long[size];
    Long[] idleExpiry = new Long[size];
    String[] addresses = new String[size];
    String[] agents = new String[size];
    for (int n = 0; n < size; n++) {
      Request r = batch.get(n);
      positions[n] = n;
      presented[n] = r.presentedHash();
      clients[n] = r.clientId();
      successors[n] = r.successorHash();
      auditIds[n] = r.auditId();
      at[n] = r.now().toEpochMilli();
      idleExpiry[n] = r.idleExpiry().toEpochMilli();
      addresses[n] = r.origin().address();
      agents[n] = r.origin().userAgent();
    }
    List<Optional<Rotated>> results = new ArrayList<>(Collections.nCopies(size, Optional.empty()));
    try (PreparedStatement statement = connection.prepareStatement(SQL)) {
      int i = 0;
      statement.setArray(++i, connection.createArrayOf("int4", positions));
      statement.setArray(++i, connection.createArrayOf("text", presented));
      statement.setArray(++i, connection.createArrayOf("text", clients));
      statement.setArray(++i, connection.createArrayOf("text", successors));
      statement.setArray(++i, connection.createArrayOf("text", auditIds));
      statement.setArray(++i, connection.createArrayOf("int8", at));
      statement.setArray(++i, connection.createArrayOf("int8", idleExpiry));
      statement.setArray(++i, connection.createArrayOf("text", addresses));
      statement.setArray(++i, connection.createArrayOf("text", agents));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          int n = row.getInt("n");
          results.set(
              n,
              Optional.of(
                  new Rotated(
                      new AccessTokenIssuer.Subject(
                          row.getString("user_id"),
                          row.getString("username"),
                          User.parseRoles(row.getString("roles")),
                          row.getString("session_id"),
                          row.getString("client_id"),
                          row.getString("scope")),
                      Session.refreshTokenExpiry(
                          batch.get(n).idleExpiry(),
                          Instant.ofEpochMilli(row.getLong("session_expires_at"))))));
        }
      }
    }
    return results;
  }
}
