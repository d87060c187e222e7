package dev.rotor.users.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.problems.ProblemException;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The short transactions that store what {@link Accounts} prepared outside of one: by then every
 * password is hashed, so no pooled connection waits on Argon2.
 */
@ApplicationScoped
public class AccountWrites {

  @PersistenceContext EntityManager em;

  @Inject AuditLog audit;

  @Inject Event<PasswordChanged> passwordChanged;

  /** With its audit event, when there is one. */
  @Transactional
  public User insert(User user, AuditEvent.Type event, String reason, Origin origin) {
    if (!em.createNamedQuery(User.BY_USERNAME, User.class)
        .setParameter("usernameKey", User.keyOf(user.username()))
        .getResultList()
        .isEmpty()) {
      throw ProblemException.conflict("username", "already taken");
    }
    em.persist(user);
    em.flush();
    if (event != null) {
      audit.record(
          AuditLog.Entry.of(event, origin).user(user.id(), user.username()).reason(reason));
    }
    return user;
  }

  /** 409 when the password changed since it was checked: the caller must check again. */
  @Transactional
  public void changePassword(User checked, String newHash, String keepSessionId, Origin origin) {
    int changed =
        em.createNamedQuery(User.REPLACE_HASH)
            .setParameter("id", checked.id())
            .setParameter("checked", checked.passwordHash())
            .setParameter("next", newHash)
            .executeUpdate();
    if (changed != 1) {
      throw new ProblemException(
          409, "Conflict", "The password changed meanwhile; check the current one again.");
    }
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.PASSWORD_CHANGED, origin)
            .user(checked.id(), checked.username())
            .session(keepSessionId));
    passwordChanged.fire(new PasswordChanged(checked.id(), keepSessionId, origin));
  }
}
