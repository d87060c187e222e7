package dev.rotor.sessions.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The session start through portable JPA: a new session in one transaction: the session, its first
 * refresh token and the {@code LOGIN_SUCCEEDED} audit event. What {@link PostgresSessionStart}
 * writes in one statement on PostgreSQL, for every other database.
 */
@ApplicationScoped
public class JpaSessionStart {

  @PersistenceContext EntityManager em;

  @Inject AuditLog audit;

  @Inject TokenLifetimes lifetimes;

  /** Writes the session and returns its id. */
  @Transactional
  public String open(SessionStart.Opening opening) {
    var who = opening.who();
    User user = em.find(User.class, who.userId(), LockModeType.PESSIMISTIC_READ);
    if (user == null
        || !user.isEnabled()
        || (who.checkedPasswordHash() != null
            && !who.checkedPasswordHash().equals(user.passwordHash()))) {
      throw new AccountChangedMeanwhile();
    }
    Session session =
        new Session(
            user,
            opening.clientId(),
            opening.scope(),
            opening.now(),
            opening.sessionExpiresAt(),
            opening.origin().userAgent(),
            opening.origin().address(),
            opening.browserSessionId());
    em.persist(session);
    em.persist(
        session.issueRefreshToken(
            opening.refreshTokenHash(), opening.now(), lifetimes.refreshIdle()));
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.LOGIN_SUCCEEDED, opening.origin())
            .user(who.userId(), who.username())
            .session(session.id())
            .at(opening.now()));
    return session.id();
  }
}
