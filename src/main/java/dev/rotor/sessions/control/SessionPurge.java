package dev.rotor.sessions.control;

import dev.rotor.persistence.DatabaseKind;
import dev.rotor.persistence.PurgeKind;
import dev.rotor.persistence.PurgeKind.Cutoff;
import dev.rotor.persistence.Purgeable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What the purge removes of sessions, first of all: tokens before sessions, so that deleting a
 * session never cascades into an unbounded number of token rows.
 */
@ApplicationScoped
public class SessionPurge implements Purgeable {

  /** Unspent refresh tokens past their idle expiry: useless from that moment. */
  static final PurgeKind EXPIRED_TOKENS =
      new PurgeKind(
          "expired_tokens",
          "DELETE FROM refresh_token WHERE token_hash IN (SELECT token_hash FROM refresh_token"
              + " WHERE expires_at < ?1 AND spent_at IS NULL LIMIT ?2%s)",
          "",
          Cutoff.NOW);

  /**
   * Spent tokens, kept to recognise replays for as long as their session could still be alive:
   * until the retention after the session's absolute end, not after the token's own expiry (a
   * replay on day 25 of a 30-day session must still be caught).
   */
  static final PurgeKind SPENT_TOKENS =
      new PurgeKind(
          "spent_tokens",
          "DELETE FROM refresh_token WHERE token_hash IN (SELECT t.token_hash FROM refresh_token t"
              + " JOIN rotor_session s ON s.id = t.session_id"
              + " WHERE s.expires_at < ?1 AND t.spent_at IS NOT NULL LIMIT ?2%s)",
          " OF t",
          Cutoff.RETENTION);

  /** Every token of a session revoked longer than the retention ago. */
  static final PurgeKind REVOKED_SESSION_TOKENS =
      new PurgeKind(
          "revoked_session_tokens",
          "DELETE FROM refresh_token WHERE token_hash IN (SELECT t.token_hash FROM refresh_token t"
              + " JOIN rotor_session s ON s.id = t.session_id WHERE s.revoked_at < ?1 LIMIT ?2%s)",
          " OF t",
          Cutoff.RETENTION);

  /** Sessions revoked or expired longer than the retention ago, once no token is left. */
  static final PurgeKind SESSIONS =
      new PurgeKind(
          "sessions",
          "DELETE FROM rotor_session WHERE id IN (SELECT s.id FROM rotor_session s"
              + " WHERE (s.revoked_at < ?1 OR s.expires_at < ?1) AND NOT EXISTS"
              + " (SELECT 1 FROM refresh_token t WHERE t.session_id = s.id) LIMIT ?2%s)",
          " OF s",
          Cutoff.RETENTION);

  private static final List<PurgeKind> KINDS =
      List.of(EXPIRED_TOKENS, SPENT_TOKENS, REVOKED_SESSION_TOKENS, SESSIONS);

  @PersistenceContext EntityManager em;

  @Inject DatabaseKind database;

  @Override
  public int position() {
    return 10;
  }

  @Override
  public List<PurgeKind> kinds() {
    return KINDS;
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int delete(PurgeKind kind, long cutOffMillis, int limit) {
    return kind.delete(em, database, cutOffMillis, limit);
  }
}
