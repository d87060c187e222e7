package dev.rotor.sessions.control;

import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Spends a refresh token and issues its successor, in the caller's transaction. Spending is one
 * conditional UPDATE, so of any number of concurrent refreshes with the same token, on one node or
 * many, exactly one wins; every other one is a replay and revokes the session (RFC 9700 §4.14.2),
 * unless it comes within the reuse grace for the immediate predecessor of the live token.
 */
@ApplicationScoped
public class RefreshRotation {

  private static final System.Logger LOG = System.getLogger(RefreshRotation.class.getName());

  @PersistenceContext EntityManager em;

  @Inject TokenGrant grant;

  @Inject SessionRevocation revocation;

  @Inject
  @ConfigProperty(name = "rotor.refresh-token.reuse-grace", defaultValue = "PT0S")
  Duration reuseGrace;

  public TokenPair rotate(String presented, Instant now) {
    RefreshToken token =
        em.createNamedQuery(RefreshToken.BY_HASH, RefreshToken.class)
            .setParameter("hash", RefreshTokenMint.hash(presented))
            .getResultStream()
            .findFirst()
            .orElseThrow(RefreshRejected::unknown);
    Session session = token.session();
    User user = session.user();
    if (!session.isActive(now) || !user.isEnabled()) {
      throw RefreshRejected.sessionEnded();
    }
    if (token.isSpent()) {
      token = graceSuccessor(token, now).orElseThrow(() -> replay(session, now));
    }
    if (token.isExpired(now)) {
      throw RefreshRejected.expired();
    }
    int spent =
        em.createNamedQuery(RefreshToken.SPEND)
            .setParameter("now", now.toEpochMilli())
            .setParameter("id", token.id())
            .executeUpdate();
    if (spent == 0) {
      throw replay(session, now);
    }
    session.touch(now);
    return grant.grant(session, user.username(), user.roles(), user.id(), now);
  }

  /**
   * Within the grace window, a just-spent token stands for its live successor: a client's own retry
   * (two tabs, a lost response) then continues the chain instead of killing the session.
   */
  private Optional<RefreshToken> graceSuccessor(RefreshToken spent, Instant now) {
    if (reuseGrace.isZero() || spent.spentAt().plus(reuseGrace).isBefore(now)) {
      return Optional.empty();
    }
    return em.createNamedQuery(RefreshToken.SUCCESSOR, RefreshToken.class)
        .setParameter("session", spent.session())
        .setParameter("createdAt", spent.spentAt().toEpochMilli())
        .getResultStream()
        .filter(t -> !t.isSpent())
        .findFirst();
  }

  private RefreshRejected replay(Session session, Instant now) {
    revocation.revoke(session.id(), "replay", now);
    LOG.log(System.Logger.Level.WARNING, "Refresh token replay: session {0} revoked", session.id());
    return RefreshRejected.replayed();
  }
}
