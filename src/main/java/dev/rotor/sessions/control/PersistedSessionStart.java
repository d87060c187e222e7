package dev.rotor.sessions.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.sessions.entity.RefreshToken;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * A new session through JPA, in one transaction: the session, its first refresh token and the
 * {@code LOGIN_SUCCEEDED} audit event. What {@link SessionStatement} writes in one statement on
 * PostgreSQL, for every other database.
 */
@ApplicationScoped
public class PersistedSessionStart {

  @PersistenceContext EntityManager em;

  @Inject AuditLog audit;

  /** Writes the session and returns its id. */
  @Transactional
  public String open(SessionStart.Opening opening) {
    var who = opening.who();
    Session session =
        new Session(
            em.getReference(User.class, who.userId()),
            opening.clientId(),
            opening.scope(),
            opening.now(),
            opening.sessionExpiresAt(),
            opening.origin().userAgent(),
            opening.origin().address());
    em.persist(session);
    em.persist(
        new RefreshToken(
            session, opening.refreshTokenHash(), opening.now(), opening.refreshExpiresAt()));
    audit.record(
        AuditEvent.Type.LOGIN_SUCCEEDED,
        who.userId(),
        who.username(),
        session.id(),
        opening.origin(),
        null);
    return session.id();
  }
}
