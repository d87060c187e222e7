package dev.rotor.clients.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.entity.InitialAccessToken;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Ids;
import dev.rotor.security.SecretTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, lists and revokes the initial access tokens of dynamic registration, each change audited,
 * and admits a registration that presents one. Like Keycloak's, a token has an expiry and a count
 * of registrations it allows.
 */
@ApplicationScoped
public class InitialAccessTokens {

  /** A day, as Keycloak's admin console proposes. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(1);

  /**
   * The rotation interval's default: the token is signed, and a key retired by rotation ends it.
   */
  public static final Duration MAX_LIFETIME = Duration.ofDays(30);

  /** One registration, as Keycloak's count defaults to. */
  public static final int DEFAULT_USES = 1;

  public static final int MAX_USES = 1000;

  @PersistenceContext EntityManager em;

  @Inject AuditLog audit;

  @Inject Clock clock;

  @Inject InitialAccessTokenSigner signer;

  /** How long and for how many registrations a new token is good. */
  public record Terms(Duration lifetime, int maxUses) {

    /** The admin's request, either part absent for its default; outside the bounds is a 400. */
    public static Terms of(Long expiresInSeconds, Long maxUses) {
      Duration lifetime = DEFAULT_LIFETIME;
      if (expiresInSeconds != null) {
        if (expiresInSeconds < 1 || expiresInSeconds > MAX_LIFETIME.toSeconds()) {
          throw ProblemException.invalidField(
              "expires_in", "must be whole seconds, 1 to " + MAX_LIFETIME.toSeconds());
        }
        lifetime = Duration.ofSeconds(expiresInSeconds);
      }
      int uses = DEFAULT_USES;
      if (maxUses != null) {
        if (maxUses < 1 || maxUses > MAX_USES) {
          throw ProblemException.invalidField("max_uses", "must be 1 to " + MAX_USES);
        }
        uses = maxUses.intValue();
      }
      return new Terms(lifetime, uses);
    }
  }

  /** A new token and the bearer value to hand out: shown once, only its hash is kept. */
  public record Issued(InitialAccessToken stored, String token) {}

  public Issued issue(Terms terms, String actor, Origin origin) {
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    Instant expiresAt = now.plus(terms.lifetime());
    String token = signer.sign(id, SecretTokens.mint(), now, expiresAt);
    var stored =
        new InitialAccessToken(
            id, SecretTokens.hash(token), now, expiresAt, terms.maxUses(), actor);
    em.persist(stored);
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.INITIAL_ACCESS_TOKEN_ISSUED, origin)
            .reason(
                "initial access token "
                    + id
                    + " by "
                    + actor
                    + ": "
                    + terms.maxUses()
                    + " use(s) until "
                    + expiresAt));
    return new Issued(stored, token);
  }

  /** The tokens, oldest first. */
  public List<InitialAccessToken> list(int page, int size) {
    return em.createNamedQuery(InitialAccessToken.ALL, InitialAccessToken.class)
        .setFirstResult((int) Math.min(Integer.MAX_VALUE, (long) page * size))
        .setMaxResults(size)
        .getResultList();
  }

  public long count() {
    return em.createNamedQuery(InitialAccessToken.COUNT, Long.class).getSingleResult();
  }

  /** Ends the token at once; revoking it again changes nothing. 404 when there is none. */
  public void revoke(String id, String actor, Origin origin) {
    InitialAccessToken stored = Ids.isId(id) ? em.find(InitialAccessToken.class, id) : null;
    if (stored == null) {
      throw new ProblemException(404, "Not Found", "No such initial access token.");
    }
    if (stored.revoke(clock.instant())) {
      audit.record(
          AuditLog.Entry.of(AuditEvent.Type.INITIAL_ACCESS_TOKEN_REVOKED, origin)
              .reason("initial access token " + id + " by " + actor));
    }
  }

  /**
   * The usable token an {@code Authorization: Bearer} header presents; {@link RegistrationRejected}
   * (invalid token) otherwise. Nothing is spent yet.
   */
  public InitialAccessToken admit(String authorization) {
    String token = bearer(authorization).orElseThrow(RegistrationRejected::invalidToken);
    return em
        .createNamedQuery(InitialAccessToken.BY_HASH, InitialAccessToken.class)
        .setParameter("hash", SecretTokens.hash(token))
        .getResultList()
        .stream()
        .filter(t -> t.isUsable(clock.instant()))
        .findFirst()
        .orElseThrow(RegistrationRejected::invalidToken);
  }

  /**
   * Spends one use of an admitted token under its row's lock, in the caller's transaction: of two
   * registrations racing for its last use, the second waits for the first and then finds none.
   */
  public void spend(InitialAccessToken admitted) {
    em.refresh(admitted, LockModeType.PESSIMISTIC_WRITE);
    if (!admitted.spend(clock.instant())) {
      throw RegistrationRejected.invalidToken();
    }
  }

  /** RFC 6750 §2.1: the scheme is case-insensitive, the token one run of its characters. */
  static Optional<String> bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = authorization.substring(7).trim();
    if (token.isEmpty() || token.length() > 4096 || !token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
      return Optional.empty();
    }
    return Optional.of(token);
  }
}
