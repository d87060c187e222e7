package dev.rotor.sessions.control;

import dev.rotor.security.SecretTokens;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what a client presents: the stored refresh token (with its session and user) for a token
 * value, or the session an access token names.
 */
@ApplicationScoped
public class RefreshTokenLookup {

  @PersistenceContext EntityManager em;

  public Optional<RefreshToken> find(String presented) {
    return em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
        .setParameter("hash", SecretTokens.hash(presented))
        .setHint(
            "jakarta.persistence.loadgraph", em.getEntityGraph(RefreshToken.WITH_SESSION_AND_USER))
        .getResultStream()
        .findFirst();
  }

  /** The session of an access token's {@code sid}, if it still exists. */
  public Optional<Session> session(String sessionId) {
    return Optional.ofNullable(sessionId)
        .map(
            id ->
                em.find(
                    Session.class,
                    id,
                    Map.of("jakarta.persistence.loadgraph", em.getEntityGraph(Session.WITH_USER))));
  }
}
