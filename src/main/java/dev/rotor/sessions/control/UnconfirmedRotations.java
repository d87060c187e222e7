package dev.rotor.sessions.control;

import dev.rotor.persistence.DatabaseMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Rotations whose outcome this node does not know: {@link PostgresRotation}'s statement was sent
 * and the connection broke before its answer came back (the database restarted, failed over, or the
 * network dropped). The database may have committed it: the presented token spent, and a successor
 * that nobody holds, because the client got a 503 instead. The client sends the same token again;
 * for it the refresh did not happen, so it must not have happened, or its retry would be taken for
 * a replay and end the session.
 *
 * <p>So each one is remembered, and undone before that token is rotated again on this node (and a
 * few at each later rotation, so that none waits for its own retry): in one statement, only if the
 * successor is still unspent (it always is: it never left this node), the successor is deleted, the
 * presented token unspent and the {@code REFRESHED} audit event removed. If the statement had not
 * been committed, there is nothing to undo and nothing happens. Until it is undone, that token
 * presented on another node of a cluster is a replay: retries go to the same node behind
 * session-affine routing, or one is lost per outage and client.
 *
 * <p>Held in memory, at most {@link #MAX_PENDING}; a restart forgets them (the same as another
 * node).
 */
@ApplicationScoped
public class UnconfirmedRotations {

  /** Rotations remembered at most; beyond, a retry of the token is a replay, as before. */
  static final int MAX_PENDING = 10_000;

  /** Others undone at a rotation, besides its own token's. */
  private static final int SETTLE_PER_ROTATION = 16;

  private static final System.Logger LOG = System.getLogger(UnconfirmedRotations.class.getName());

  // One statement, autocommit; each step only if the one before found its row. The parameters
  // are bound in order of appearance (undo()).
  private static final String UNDO =
      """
      WITH presented AS (
          SELECT token_hash, session_id FROM refresh_token WHERE token_hash = ? AND spent_at = ?
      ), unissued AS (
          DELETE FROM refresh_token s USING presented p
           WHERE s.token_hash = ? AND s.spent_at IS NULL AND s.session_id = p.session_id
       RETURNING s.session_id
      ), unspent AS (
          UPDATE refresh_token t SET spent_at = NULL
            FROM presented p
           WHERE t.token_hash = p.token_hash AND EXISTS (SELECT 1 FROM unissued)
       RETURNING t.token_hash
      ), unaudited AS (
          DELETE FROM audit_event WHERE id = ? AND EXISTS (SELECT 1 FROM unspent)
      )
      SELECT count(*) FROM unspent
      """;

  /** What the unanswered statement would have written, if it was committed. */
  record Unconfirmed(String presentedHash, String successorHash, long spentAt, String auditId) {}

  private final Map<String, Unconfirmed> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean warnedFull = new AtomicBoolean();

  @Resource(lookup = DatabaseMigration.DATA_SOURCE)
  DataSource dataSource;

  void remember(Unconfirmed rotation) {
    if (pending.size() >= MAX_PENDING) {
      if (warnedFull.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "More than {0} refreshes of unknown outcome: further ones are not undone",
            MAX_PENDING);
      }
      return;
    }
    pending.put(rotation.presentedHash(), rotation);
  }

  /**
   * Before the token with this hash is rotated: undoes its own unconfirmed rotation, if any
   * (failing as the database fails while it is away), then up to a few others, best effort.
   */
  void settleBefore(String presentedHash) {
    if (pending.isEmpty()) {
      return;
    }
    Unconfirmed own = pending.remove(presentedHash);
    if (own != null) {
      try {
        undo(own);
      } catch (SQLException e) {
        pending.putIfAbsent(own.presentedHash(), own);
        throw new IllegalStateException("undoing a refresh of unknown outcome failed", e);
      }
    }
    int settled = 0;
    for (Unconfirmed other : pending.values()) {
      if (settled++ >= SETTLE_PER_ROTATION) {
        return;
      }
      if (pending.remove(other.presentedHash(), other)) {
        try {
          undo(other);
        } catch (SQLException e) {
          pending.putIfAbsent(other.presentedHash(), other);
          return; // the database is still away: the next rotation tries again
        }
      }
    }
    if (pending.isEmpty()) {
      warnedFull.set(false);
    }
  }

  private void undo(Unconfirmed rotation) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(UNDO)) {
      int i = 0;
      statement.setString(++i, rotation.presentedHash());
      statement.setLong(++i, rotation.spentAt());
      statement.setString(++i, rotation.successorHash());
      statement.setString(++i, rotation.auditId());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        LOG.log(
            System.Logger.Level.INFO,
            row.getLong(1) > 0
                ? "A refresh whose answer was lost with the database connection was undone"
                : "A refresh whose answer was lost with the database connection had not happened");
      }
    }
  }
}
