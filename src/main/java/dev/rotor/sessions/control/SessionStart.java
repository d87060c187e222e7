package dev.rotor.sessions.control;

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

  /** The built-in public client that the first-party {@code /auth/*} API acts as. */
  public static final String FIRST_PARTY_CLIENT = "rotor-app";

  public static final String DEFAULT_SCOPE = "profile";

  @PersistenceContext EntityManager em;

  @Inject TokenGrant grant;

  @Inject
  @ConfigProperty(name = "rotor.session.max-ttl", defaultValue = "P30D")
  Duration maxTtl;

  /** Who logged in, as the identity store vouched for them. */
  public record Authenticated(String userId, String username, Set<String> roles) {}

  /** Its own transaction: the login boundary hashes the password before, outside any. */
  @Transactional
  public TokenPair open(Authenticated who, String userAgent, String ipAddress, Instant now) {
    Session session =
        new Session(
            em.getReference(User.class, who.userId()),
            FIRST_PARTY_CLIENT,
            DEFAULT_SCOPE,
            now,
            now.plus(maxTtl),
            userAgent,
            ipAddress);
    em.persist(session);
    return grant.grant(session, who.username(), who.roles(), who.userId(), now);
  }
}
