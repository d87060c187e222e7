package dev.rotor.sso.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.sso.entity.Consent;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** What users allowed third-party clients, remembered per user and client. */
@ApplicationScoped
public class Consents {

  @PersistenceContext EntityManager em;

  @Inject AuditLog audit;

  @Inject Clock clock;

  /** Whether the user allowed the client every one of these scopes before. */
  @Transactional
  public boolean covers(String userId, String clientId, Set<String> scopes) {
    return of(userId, clientId).map(c -> c.scopes().containsAll(scopes)).orElse(false);
  }

  @Transactional
  public void give(User user, String clientId, Set<String> scopes, Origin origin) {
    var now = clock.instant();
    of(user.id(), clientId)
        .ifPresentOrElse(
            c -> c.widen(scopes, now),
            () -> em.persist(new Consent(user.id(), clientId, scopes, now)));
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.CONSENT_GIVEN, origin)
            .user(user.id(), user.username())
            .reason("client " + clientId + ": " + String.join(" ", scopes)));
  }

  private Optional<Consent> of(String userId, String clientId) {
    return em.createNamedQuery(Consent.OF, Consent.class)
        .setParameter("userId", userId)
        .setParameter("clientId", clientId)
        .getResultStream()
        .findFirst();
  }
}
