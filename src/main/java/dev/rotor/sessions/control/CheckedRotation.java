package dev.rotor.sessions.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every rule of a refresh, checked one by one in a transaction of its own: what answers a refresh
 * that the {@link RotationStatement} did not rotate, and every refresh on H2 or with a narrowed
 * scope. Spending is one conditional UPDATE, so of any number of concurrent refreshes with the same
 * token, on one node or many, exactly one wins; every other one is a replay and revokes the session
 * (RFC 9700 §4.14.2), unless it comes within the reuse grace for the immediate predecessor of the
 * live token.
 */
@ApplicationScoped
// The transaction is here, not at the boundary: the common case needs none (RefreshRotation).
// A rejection commits, because a replay's revocation must stick.
@Transactional(dontRollbackOn = RefreshRejected.class)
public class CheckedRotation {

  private static final System.Logger LOG = System.getLogger(CheckedRotation.class.getName());

  @PersistenceContext EntityManager em;

  @Inject PresentedTokens presentedTokens;

  @Inject TokenGrant grant;

  @Inject SessionRevocation revocation;

  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "rotor.refresh-token.reuse-grace", defaultValue = "PT0S")
  Duration reuseGrace;

  /** See {@link RefreshRotation#rotate}. */
  public TokenPair rotate(
      String presented, String clientId, Set<String> scope, Origin origin, Instant now) {
    RefreshToken token = presentedTokens.find(presented).orElseThrow(RefreshRejected::unknown);
    Session session = token.session();
    User user = session.user();
    if (!session.clientId().equals(clientId)) {
      throw RefreshRejected.otherClient();
    }
    if (!session.isActive(now) || !user.isEnabled()) {
      throw RefreshRejected.sessionEnded();
    }
    String accessScope = session.scope();
    if (scope != null) {
      Set<String> granted = Set.of(session.scope().split(" "));
      if (!granted.containsAll(scope)) {
        throw RefreshRejected.widerScope();
      }
      accessScope = String.join(" ", scope);
    }
    if (token.isSpent()) {
      token =
          graceSuccessor(token, now)
              .orElseThrow(() -> replay(session, origin, "spent token presented again", now));
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
      throw replay(session, origin, "lost a concurrent refresh with the same token", now);
    }
    session.touch(now);
    audit.record(AuditEvent.Type.REFRESHED, user.id(), user.username(), session.id(), origin, null);
    return grant.grant(session, user.username(), user.roles(), user.id(), accessScope, now);
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

  private RefreshRejected replay(Session session, Origin origin, String reason, Instant now) {
    revocation.revoke(session.id(), "replay", now);
    audit.record(
        AuditEvent.Type.REFRESH_REPLAYED,
        session.user().id(),
        session.user().username(),
        session.id(),
        origin,
        reason);
    LOG.log(System.Logger.Level.WARNING, "Refresh token replay: session {0} revoked", session.id());
    return RefreshRejected.replayed();
  }
}
