package dev.rotor.sessions.control;

import dev.rotor.persistence.DatabaseKind;

/**
 * What the purge removes, in the order it removes it: tokens first, so that deleting a session
 * never cascades into an unbounded number of token rows. Each kind is one batched DELETE through an
 * index; {@code ?1} is the cut-off time (epoch ms), {@code ?2} the batch size.
 */
public enum PurgeKind {
  /** Unspent refresh tokens past their idle expiry: useless from that moment. */
  EXPIRED_TOKENS(
      "expired_tokens",
      "DELETE FROM refresh_token WHERE token_hash IN (SELECT token_hash FROM refresh_token"
          + " WHERE expires_at < ?1 AND spent_at IS NULL LIMIT ?2%s)",
      "",
      Cutoff.NOW),
  /**
   * Spent tokens, kept to recognise replays for as long as their session could still be alive:
   * until the retention after the session's absolute end, not after the token's own expiry (a
   * replay on day 25 of a 30-day session must still be caught).
   */
  SPENT_TOKENS(
      "spent_tokens",
      "DELETE FROM refresh_token WHERE token_hash IN (SELECT t.token_hash FROM refresh_token t"
          + " JOIN rotor_session s ON s.id = t.session_id"
          + " WHERE s.expires_at < ?1 AND t.spent_at IS NOT NULL LIMIT ?2%s)",
      " OF t",
      Cutoff.RETENTION),
  /** Every token of a session revoked longer than the retention ago. */
  REVOKED_SESSION_TOKENS(
      "revoked_session_tokens",
      "DELETE FROM refresh_token WHERE token_hash IN (SELECT t.token_hash FROM refresh_token t"
          + " JOIN rotor_session s ON s.id = t.session_id WHERE s.revoked_at < ?1 LIMIT ?2%s)",
      " OF t",
      Cutoff.RETENTION),
  /** Sessions revoked or expired longer than the retention ago, once no token is left. */
  SESSIONS(
      "sessions",
      "DELETE FROM rotor_session WHERE id IN (SELECT s.id FROM rotor_session s"
          + " WHERE (s.revoked_at < ?1 OR s.expires_at < ?1) AND NOT EXISTS"
          + " (SELECT 1 FROM refresh_token t WHERE t.session_id = s.id) LIMIT ?2%s)",
      " OF s",
      Cutoff.RETENTION),
  /** Authorization codes expired longer than the retention ago (kept to recognise replays). */
  AUTHORIZATION_CODES(
      "authorization_codes",
      "DELETE FROM authorization_code WHERE code_hash IN (SELECT code_hash FROM authorization_code"
          + " WHERE expires_at < ?1 LIMIT ?2%s)",
      "",
      Cutoff.RETENTION),
  /**
   * Browser (single sign-on) sessions ended or past their absolute lifetime, after the retention.
   */
  BROWSER_SESSIONS(
      "browser_sessions",
      "DELETE FROM browser_session WHERE id IN (SELECT id FROM browser_session"
          + " WHERE expires_at < ?1 OR ended_at < ?1 LIMIT ?2%s)",
      "",
      Cutoff.RETENTION),
  /** Failed-login counters whose lock and failure memory are both over. */
  ACCOUNT_THROTTLES(
      "account_throttles",
      "DELETE FROM account_throttle WHERE account_hash IN (SELECT account_hash FROM"
          + " account_throttle WHERE expires_at < ?1 LIMIT ?2%s)",
      "",
      Cutoff.NOW),
  /** Address budgets that have refilled: a missing row is a full budget. */
  ADDRESS_THROTTLES(
      "address_throttles",
      "DELETE FROM address_throttle WHERE address IN (SELECT address FROM address_throttle"
          + " WHERE expires_at < ?1 LIMIT ?2%s)",
      "",
      Cutoff.NOW),
  /** Addresses whose sign-in trust has run out. */
  TRUSTED_SOURCES(
      "trusted_sources",
      "DELETE FROM trusted_source WHERE source_hash IN (SELECT source_hash FROM trusted_source"
          + " WHERE expires_at < ?1 LIMIT ?2%s)",
      "",
      Cutoff.NOW),
  /** Audit events older than their own retention. */
  EVENTS(
      "events",
      "DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event"
          + " WHERE occurred_at < ?1 LIMIT ?2%s)",
      "",
      Cutoff.AUDIT_RETENTION);

  /** Which "older than" a kind is measured against. */
  enum Cutoff {
    NOW,
    RETENTION,
    AUDIT_RETENTION
  }

  private final String label;
  private final String sql;
  private final String lockedTable;
  private final Cutoff cutoff;

  PurgeKind(String label, String sql, String lockedTable, Cutoff cutoff) {
    this.label = label;
    this.sql = sql;
    this.lockedTable = lockedTable;
    this.cutoff = cutoff;
  }

  /** The name in reports, logs and metrics. */
  public String label() {
    return label;
  }

  Cutoff cutoff() {
    return cutoff;
  }

  /**
   * The statement; on PostgreSQL the batch skips rows another purge has locked, so two overlapping
   * runs share the work instead of waiting on (or deadlocking with) each other.
   */
  String sql(DatabaseKind database) {
    return sql.formatted(
        database == DatabaseKind.POSTGRESQL ? " FOR UPDATE" + lockedTable + " SKIP LOCKED" : "");
  }
}
