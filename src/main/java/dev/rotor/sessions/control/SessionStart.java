package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.persistence.DatabaseKind;
import dev.rotor.security.SecretTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Set;

/**
 * Opens a session for an authenticated user and hands out its first token pair. On PostgreSQL the
 * session, its first refresh token and the audit event are one statement ({@link
 * PostgresSessionStart}); elsewhere one JPA transaction ({@link JpaSessionStart}).
 */
// Not transactional: the login boundary hashes the password before, outside any transaction, and
// the statement needs none.
@ApplicationScoped
public class SessionStart {

  @Inject PostgresSessionStart postgres;

  @Inject JpaSessionStart jpa;

  @Inject TokenPairIssuer pairs;

  @Inject TokenLifetimes lifetimes;

  @Inject DatabaseKind database;

  /**
   * Who logged in, as the identity store vouched for them. {@code checkedPasswordHash}: the hash
   * the password was checked against; the session opens only if it is still the account's, and the
   * account still enabled, when the session is written (null: no password was checked, only enabled
   * counts).
   */
  public record Authenticated(
      String userId, String username, Set<String> roles, String checkedPasswordHash) {}

  /** The rows of a new session; its first refresh token only as its hash. */
  public record Opening(
      Authenticated who,
      String clientId,
      String scope,
      Origin origin,
      Instant now,
      Instant sessionExpiresAt,
      String refreshTokenHash,
      Instant refreshExpiresAt,
      String browserSessionId) {}

  /**
   * Opens the session; {@link AccountChangedMeanwhile} when the account was disabled or its
   * password changed since it was checked: the check of the account and the session's insert are
   * one statement or transaction, holding the account's row, so a concurrent password change or
   * disable either comes first (and no session opens) or ends this session with the others.
   */
  public TokenPair open(
      Authenticated who, String clientId, String scope, Origin origin, Instant now) {
    return open(who, clientId, scope, null, origin, now);
  }

  /**
   * The same, for a session an authorization code opens: it remembers the browser session the code
   * was issued in, which a replay of its refresh tokens ends too.
   */
  public TokenPair open(
      Authenticated who,
      String clientId,
      String scope,
      String browserSessionId,
      Origin origin,
      Instant now) {
    String refresh = SecretTokens.mint();
    Instant sessionExpiresAt = now.plus(lifetimes.sessionMax());
    var opening =
        new Opening(
            who,
            clientId,
            scope,
            origin,
            now,
            sessionExpiresAt,
            SecretTokens.hash(refresh),
            pairs.refreshExpiry(now, sessionExpiresAt),
            browserSessionId);
    String sessionId =
        database == DatabaseKind.POSTGRESQL ? postgres.open(opening) : jpa.open(opening);
    return pairs.pair(
        new AccessTokenIssuer.Subject(
            who.userId(), who.username(), who.roles(), sessionId, clientId, scope),
        refresh,
        opening.refreshExpiresAt(),
        now);
  }
}
