package dev.rotor.sessions.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.control.ClientLocked;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.control.AccountLocked;
import dev.rotor.users.control.PasswordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;

/**
 * Ends sessions, and records each ending in the audit log: every token of the family stops working
 * at once. The one place a session is revoked.
 */
@ApplicationScoped
public class SessionRevocation {

  @PersistenceContext EntityManager em;

  @Inject RefreshTokenLookup lookup;

  @Inject AuditLog audit;

  @Inject Clock clock;

  @Inject Event<BrowserSessionCompromised> compromised;

  @Inject Event<AllSessionsRevoked> allRevoked;

  /** Why one session ends: the code kept on the session, and the audit event that records it. */
  public enum Ending {
    LOGOUT("logout", AuditEvent.Type.LOGOUT),
    REPLAY("replay", AuditEvent.Type.REFRESH_REPLAYED),
    /** RFC 7009, asked for by the client the session belongs to. */
    CLIENT_REVOCATION("revocation", AuditEvent.Type.SESSION_REVOKED);

    private final String code;
    private final AuditEvent.Type event;

    Ending(String code, AuditEvent.Type event) {
      this.code = code;
      this.event = event;
    }
  }

  /**
   * Revokes the session and records why (the note is for the audit log only); false, and nothing
   * recorded, when it was revoked already.
   */
  public boolean end(Session session, Ending ending, String note, Origin origin, Instant now) {
    boolean revoked =
        em.createNamedQuery(Session.REVOKE)
                .setParameter("now", now.toEpochMilli())
                .setParameter("reason", ending.code)
                .setParameter("id", session.id())
                .executeUpdate()
            > 0;
    if (revoked) {
      var user = session.user();
      audit.record(
          AuditLog.Entry.of(ending.event, origin)
              .user(user.id(), user.username())
              .session(session.id())
              .reason(note)
              .at(now));
      if (ending == Ending.REPLAY && session.browserSessionId() != null) {
        compromised.fire(
            new BrowserSessionCompromised(session.browserSessionId(), user.id(), origin));
      }
    }
    return revoked;
  }

  /** Logout: revokes the session the token belongs to; unknown or dead tokens are no error. */
  public void logout(String presented, Origin origin) {
    lookup
        .find(presented)
        .ifPresent(t -> end(t.session(), Ending.LOGOUT, null, origin, clock.instant()));
  }

  /**
   * Revokes one session of the user; false when the user has no such live session. The reason is a
   * short code kept on the session ({@code user}, {@code admin}...).
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
      audit.record(
          AuditLog.Entry.of(AuditEvent.Type.SESSION_REVOKED, origin)
              .user(userId, null)
              .session(sessionId)
              .reason(reason));
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
          AuditLog.Entry.of(AuditEvent.Type.SESSION_REVOKED, origin)
              .user(userId, null)
              .reason(reason + " (" + revoked + ")"));
    }
    if (keep == null) {
      // Even with no token session left: the user may be signed in by browser only.
      allRevoked.fire(new AllSessionsRevoked(userId, origin));
    }
    return revoked;
  }

  /**
   * A deleted or disabled client's sessions end with it: its refresh tokens stop working at once.
   */
  void onClientLocked(@Observes ClientLocked locked) {
    int revoked =
        em.createNamedQuery(Session.REVOKE_ALL_OF_CLIENT)
            .setParameter("now", clock.millis())
            .setParameter("reason", "client")
            .setParameter("clientId", locked.clientId())
            .executeUpdate();
    if (revoked > 0) {
      audit.record(
          AuditLog.Entry.of(AuditEvent.Type.SESSION_REVOKED, locked.origin())
              .reason("client " + locked.clientId() + " " + locked.how() + " (" + revoked + ")"));
    }
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
