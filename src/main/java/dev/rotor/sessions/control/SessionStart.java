package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;
import dev.rotor.keys.control.AccessTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Opens a session for an authenticated user and grants its first token pair. On PostgreSQL the
 * session, its first refresh token and the audit event are one statement ({@link
 * SessionStatement}); elsewhere one JPA transaction ({@link PersistedSessionStart}).
 */
// Not transactional: the login boundary hashes the password before, outside any transaction, and
// the statement needs none.
@ApplicationScoped
public class SessionStart {

  @Inject SessionStatement statement;

  @Inject PersistedSessionStart persisted;

  @Inject TokenGrant grant;

  @Inject
  @ConfigProperty(name = "rotor.session.max-ttl", defaultValue = "P30D")
  Duration maxTtl;

  /** Who logged in, as the identity store vouched for them. */
  public record Authenticated(String userId, String username, Set<String> roles) {}

  /** The rows of a new session; its first refresh token only as its hash. */
  public record Opening(
      Authenticated who,
      String clientId,
      String scope,
      Origin origin,
      Instant now,
      Instant sessionExpiresAt,
      String refreshTokenHash,
      Instant refreshExpiresAt) {}

  public TokenPair open(
      Authenticated who, String clientId, String scope, Origin origin, Instant now) {
    String refresh = RefreshTokenMint.mint();
    Instant sessionExpiresAt = now.plus(maxTtl);
    Instant refreshExpiresAt = grant.refreshExpiresAt(now, sessionExpiresAt);
    var opening =
        new Opening(
            who,
            clientId,
            scope,
            origin,
            now,
            sessionExpiresAt,
            RefreshTokenMint.hash(refresh),
            refreshExpiresAt);
    String sessionId = statement.isAvailable() ? statement.open(opening) : persisted.open(opening);
    return grant.withAccessToken(
        new AccessTokenIssuer.Subject(
            who.userId(), who.username(), who.roles(), sessionId, clientId, scope),
        refresh,
        refreshExpiresAt,
        now);
  }
}
