package dev.rotor.sessions.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens a session for an authenticated user and grants its first token pair. */
@ApplicationScoped
public class SessionStart {

  @PersistenceContext EntityManager em;

  @Inject TokenGrant grant;

  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "rotor.session.max-ttl", defaultValue = "P30D")
  Duration maxTtl;

  /** Who logged in, as the identity store vouched for them. */
  public record Authenticated(String userId, String username, Set<String> roles) {}

  /** Its own transaction: the login boundary hashes the password before, outside any. */
  @Transactional
  public TokenPair open(
      Authenticated who, String clientId, String scope, Origin origin, Instant now) {
    Session session =
        new Session(
            em.getReference(User.class, who.userId()),
            clientId,
            scope,
            now,
            now.plus(maxTtl),
            origin.userAgent(),
            origin.address());
    em.persist(session);
    audit.record(
        AuditEvent.Type.LOGIN_SUCCEEDED, who.userId(), who.username(), session.id(), origin, null);
    return grant.grant(session, who.username(), who.roles(), who.userId(), scope, now);
  }
}
