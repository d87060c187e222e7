package dev.rotor.sessions.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.control.AccountLocked;
import dev.rotor.users.control.PasswordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Ends sessions: every token of the family stops working at once. */
@ApplicationScoped
public class SessionRevocation {

  @PersistenceContext EntityManager em;

  @Inject PresentedTokens presentedTokens;

  @Inject AuditLog audit;

  @Inject Clock clock;

  /** Logout: revokes the session the token belongs to; unknown or dead tokens are no error. */
  public void logout(String presented, Origin origin) {
    Optional<RefreshToken> token = presentedTokens.find(presented);
    token.ifPresent(
        t -> {
          Session session = t.session();
          if (revoke(session.id(), "logout", clock.instant())) {
            audit.record(
                AuditEvent.Type.LOGOUT,
                session.user().id(),
                session.user().username(),
                session.id(),
                origin,
                null);
          }
        });
  }

  /**
   * Revokes one session of the user; false when the user has no such live session. The reason is a
   * short code kept on the session ({@code user}, {@code admin}, {@code logout}...).
   */
  public boolean revokeOwn(String userId, String sessionId, String reason, Origin origin) {
    int revoked =
        em.createNamedQuery(Session.REVOKE_OF_USER)
            .setParameter("now", clock.millis())
            .setParameter("reason", reason)
            .setParameter("id", sessionId)
            .setParameter("userId", userId)
            .executeUpdate();
    if (revoked > 0) {
      audit.record(AuditEvent.Type.SESSION_REVOKED, userId, null, sessionId, origin, reason);
    }
    return revoked > 0;
  }

  /**
   * Revokes every live session of the user but {@code keep} (may be null); answers how many. The
   * note, for the audit log only, says who and why.
   */
  public int revokeAll(String userId, String keep, String reason, String note, Origin origin) {
    int revoked =
        em.createNamedQuery(Session.REVOKE_ALL_OF_USER)
            .setParameter("now", clock.millis())
            .setParameter("reason", reason)
            .setParameter("userId", userId)
            .setParameter("keep", keep == null ? "" : keep)
            .executeUpdate();
    if (revoked > 0) {
      audit.record(
          AuditEvent.Type.SESSION_REVOKED,
          userId,
          null,
          null,
          origin,
          reason + " (" + revoked + ")");
    }
    return revoked;
  }

  public boolean revoke(String sessionId, String reason, Instant now) {
    return em.createNamedQuery(Session.REVOKE)
            .setParameter("now", now.toEpochMilli())
            .setParameter("reason", reason)
            .setParameter("id", sessionId)
            .executeUpdate()
        > 0;
  }

  void onAccountLocked(@Observes AccountLocked locked) {
    revokeAll(locked.userId(), null, "account", locked.reason(), locked.origin());
  }

  void onPasswordChanged(@Observes PasswordChanged changed) {
    revokeAll(
        changed.userId(),
        changed.keepSessionId(),
        "password",
        "password changed",
        changed.origin());
  }
}
