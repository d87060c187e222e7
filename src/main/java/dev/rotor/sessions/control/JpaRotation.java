package dev.rotor.sessions.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The rotation through portable JPA: every rule of a refresh ({@link RefreshRules}) checked one by
 * one in a transaction of its own. It rotates on H2 (and any other database) and every refresh with
 * a narrowed scope, and answers every refresh {@link PostgresRotation} did not rotate, finding out
 * why: unknown, expired, ended, another client's, or a replay. Spending is one conditional UPDATE,
 * so of any number of concurrent refreshes with the same token, on one node or many, exactly one
 * wins; every other one is a replay and revokes the session (RFC 9700 §4.14.2), unless it comes
 * within the reuse grace for the immediate predecessor of the live token.
 */
@ApplicationScoped
// The transaction is here, not at the boundary: the common case needs none (RefreshRotation).
// A rejection commits, because a replay's revocation must stick.
@Transactional(dontRollbackOn = RefreshRejected.class)
public class JpaRotation {

  private static final System.Logger LOG = System.getLogger(JpaRotation.class.getName());

  @PersistenceContext EntityManager em;

  @Inject RefreshTokenLookup lookup;

  @Inject TokenPairIssuer pairs;

  @Inject SessionRevocation revocation;

  @Inject AuditLog audit;

  @Inject TokenLifetimes lifetimes;

  /** See {@link RefreshRotation#rotate}. */
  public TokenPair rotate(
      String presented, String clientId, Set<String> scope, Origin origin, Instant now) {
    RefreshToken token =
        lookup
            .find(presented)
            .orElseThrow(() -> new RefreshRejected(RefreshRejected.Reason.UNKNOWN));
    Session session = token.session();
    if (token.isSpent() && session.isUsable(now)) {
      // A replay before anything else: whichever client presents it, whatever scope it asks. Only
      // the client's own retry may fall within the grace.
      Optional<RefreshToken> successor =
          session.clientId().equals(clientId) ? graceSuccessor(token, now) : Optional.empty();
      token =
          successor.orElseThrow(() -> replay(session, origin, "spent token presented again", now));
    }
    String accessScope = RefreshRules.accessScope(session, clientId, scope, now);
    if (token.isExpired(now)) {
      throw new RefreshRejected(RefreshRejected.Reason.EXPIRED);
    }
    int spent =
        em.createNamedQuery(RefreshToken.SPEND)
            .setParameter("now", now.toEpochMilli())
            .setParameter("hash", token.tokenHash())
            .executeUpdate();
    if (spent == 0) {
      throw replay(session, origin, "lost a concurrent refresh with the same token", now);
    }
    session.touch(now);
    var user = session.user();
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.REFRESHED, origin)
            .user(user.id(), user.username())
            .session(session.id())
            .at(now));
    return pairs.next(session, user, accessScope, now);
  }

  /**
   * Within the grace window, a just-spent token stands for its live successor: a client's own retry
   * (two tabs, a lost response) then continues the chain instead of killing the session.
   */
  private Optional<RefreshToken> graceSuccessor(RefreshToken spent, Instant now) {
    if (!RefreshRules.withinGrace(spent.spentAt(), lifetimes.reuseGrace(), now)) {
      return Optional.empty();
    }
    return em.createNamedQuery(RefreshToken.SUCCESSOR, RefreshToken.class)
        .setParameter("session", spent.session())
        .setParameter("createdAt", spent.spentAt().toEpochMilli())
        .getResultStream()
        .filter(t -> !t.isSpent())
        .findFirst();
  }

  private RefreshRejected replay(Session session, Origin origin, String why, Instant now) {
    revocation.end(session, SessionRevocation.Ending.REPLAY, why, origin, now);
    LOG.log(System.Logger.Level.WARNING, "Refresh token replay: session {0} revoked", session.id());
    return new RefreshRejected(RefreshRejected.Reason.REPLAYED);
  }
}
