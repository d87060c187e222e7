package dev.rotor.sessions.control;

import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.security.SecretTokens;
import dev.rotor.sessions.entity.Session;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Hands out a token pair: a session's next refresh token and the access token that goes with it.
 */
@ApplicationScoped
public class TokenPairIssuer {

  @PersistenceContext EntityManager em;

  @Inject AccessTokenIssuer issuer;

  @Inject ClientRegistry clients;

  @Inject TokenLifetimes lifetimes;

  /** Through JPA: stores the session's next refresh token (as its hash) and signs the pair. */
  TokenPair next(Session session, User user, String accessScope, Instant now) {
    String refresh = SecretTokens.mint();
    em.persist(session.issueRefreshToken(SecretTokens.hash(refresh), now, lifetimes.refreshIdle()));
    return pair(
        new AccessTokenIssuer.Subject(
            user.id(),
            user.username(),
            user.roles(),
            session.id(),
            session.clientId(),
            accessScope),
        refresh,
        // Not the stored row's expiry: that is cut to milliseconds, and expires_in would come out
        // a second short.
        refreshExpiry(now, session.expiresAt()),
        now);
  }

  /** When a refresh token issued now expires, for a session that ends at {@code sessionEnd}. */
  Instant refreshExpiry(Instant now, Instant sessionEnd) {
    return Session.refreshTokenExpiry(now.plus(lifetimes.refreshIdle()), sessionEnd);
  }

  /** The pair for a refresh token already stored: signs the access token. */
  TokenPair pair(
      AccessTokenIssuer.Subject subject, String refresh, Instant refreshExpiresAt, Instant now) {
    // A client no longer registered gets Rotor's own audience and lifetime.
    Optional<Client> client = clients.find(subject.clientId());
    var access =
        issuer.issue(
            subject,
            client.map(Client::audiences).orElse(List.of()),
            client.map(Client::accessTokenLifetime).orElse(null),
            now);
    return new TokenPair(
        access.value(),
        access.expiresAt(),
        refresh,
        refreshExpiresAt,
        subject.sessionId(),
        subject.scope());
  }
}
