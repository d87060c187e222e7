package dev.rotor.sessions.control;

import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** Ends sessions: every token of the family stops working at once. */
@ApplicationScoped
public class SessionRevocation {

  @PersistenceContext EntityManager em;

  /** Logout: revokes the session the token belongs to; unknown or dead tokens are no error. */
  public void revokeByRefreshToken(String presented, String reason, Instant now) {
    em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
        .setParameter("hash", RefreshTokenMint.hash(presented))
        .getResultStream()
        .findFirst()
        .ifPresent(token -> revoke(token.session().id(), reason, now));
  }

  public boolean revoke(String sessionId, String reason, Instant now) {
    return em.createNamedQuery(Session.REVOKE)
            .setParameter("now", now.toEpochMilli())
            .setParameter("reason", reason)
            .setParameter("id", sessionId)
            .executeUpdate()
        > 0;
  }
}
