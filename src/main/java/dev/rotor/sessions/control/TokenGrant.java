package dev.rotor.sessions.control;

import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues the next refresh token of a session and the access token that goes with it. */
@ApplicationScoped
public class TokenGrant {

  @PersistenceContext EntityManager em;

  @Inject AccessTokenIssuer issuer;

  @Inject
  @ConfigProperty(name = "rotor.refresh-token.idle-ttl", defaultValue = "P14D")
  Duration idleTtl;

  TokenPair grant(
      Session session,
      String username,
      Set<String> roles,
      String userId,
      String accessScope,
      Instant now) {
    String refresh = RefreshTokenMint.mint();
    Instant refreshExpiresAt = refreshExpiresAt(now, session.expiresAt());
    em.persist(new RefreshToken(session, RefreshTokenMint.hash(refresh), now, refreshExpiresAt));
    return withAccessToken(
        new AccessTokenIssuer.Subject(
            userId, username, roles, session.id(), session.clientId(), accessScope),
        refresh,
        refreshExpiresAt,
        now);
  }

  /** When a refresh token issued now expires: after its idle lifetime, never past its session. */
  Instant refreshExpiresAt(Instant now, Instant sessionExpiresAt) {
    return refreshExpiry(now.plus(idleTtl), sessionExpiresAt);
  }

  /** A refresh token lives for its idle lifetime, never past its session's end. */
  static Instant refreshExpiry(Instant idleExpiry, Instant sessionExpiresAt) {
    return idleExpiry.isBefore(sessionExpiresAt) ? idleExpiry : sessionExpiresAt;
  }

  /**
   * The pair for a refresh token already stored (by {@link #grant} or {@link RotationStatement}).
   */
  TokenPair withAccessToken(
      AccessTokenIssuer.Subject subject, String refresh, Instant refreshExpiresAt, Instant now) {
    var access = issuer.issue(subject, now);
    return new TokenPair(
        access.value(),
        access.expiresAt(),
        refresh,
        refreshExpiresAt,
        subject.sessionId(),
        subject.scope());
  }
}
