package dev.rotor.sso.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.SsoSettings;
import dev.rotor.security.SecretTokens;
import dev.rotor.sessions.control.AccountChangedMeanwhile;
import dev.rotor.sessions.control.AllSessionsRevoked;
import dev.rotor.sessions.control.BrowserSessionCompromised;
import dev.rotor.sso.entity.BrowserSession;
import dev.rotor.sso.entity.BrowserSessionClient;
import dev.rotor.users.control.AccountLocked;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.control.PasswordChanged;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Browser sessions: started by a password in the login form, found by the cookie's value (only its
 * SHA-256 is stored), ended by logout or any account event that ends token sessions. Every node
 * reads them from the database, so an ended session is ended everywhere at once.
 */
@ApplicationScoped
public class BrowserSessions {

  /** A live browser session and its user, as an authorization request needs them. */
  public record SignedIn(String sessionId, User user, Instant authTime) {}

  /** A new session and the cookie value that refers to it (shown once, never stored). */
  public record Started(String cookieValue, SignedIn signedIn) {}

  @PersistenceContext EntityManager em;

  @Inject Accounts accounts;

  @Inject SsoSettings settings;

  @Inject AuditLog audit;

  @Inject Clock clock;

  @Inject Event<BrowserSessionEnded> ended;

  /**
   * Starts a session for the user whose password hash {@code checkedHash} was just verified, or
   * throws {@link AccountChangedMeanwhile} when, under the user's row lock, the account is gone,
   * disabled or has another password: a sign-in racing a password change or a disable leaves no
   * browser session behind (the change ends those it finds, and this one would come after).
   */
  @Transactional
  public Started start(User user, String checkedHash, Origin origin) {
    User current = em.find(User.class, user.id(), LockModeType.PESSIMISTIC_READ);
    if (current == null
        || !current.isEnabled()
        || checkedHash == null
        || !checkedHash.equals(current.passwordHash())) {
      throw new AccountChangedMeanwhile();
    }
    Instant now = clock.instant();
    String value = SecretTokens.mint();
    var session =
        new BrowserSession(SecretTokens.hash(value), user.id(), now, now.plus(settings.maxTtl()));
    em.persist(session);
    return new Started(value, new SignedIn(session.id(), user, session.authTime()));
  }

  /**
   * The live session a cookie value refers to, with its enabled user; each use moves its idle
   * deadline.
   */
  @Transactional
  public Optional<SignedIn> find(String cookieValue) {
    if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return em.createNamedQuery(BrowserSession.BY_HASH, BrowserSession.class)
        .setParameter("hash", SecretTokens.hash(cookieValue))
        .getResultStream()
        .findFirst()
        .filter(s -> s.isAlive(now, settings.idleTtl()))
        .flatMap(
            s ->
                accounts
                    .byId(s.userId())
                    .filter(User::isEnabled)
                    .map(
                        user -> {
                          s.seen(now);
                          return new SignedIn(s.id(), user, s.authTime());
                        }));
  }

  /**
   * Whether the session is still alive (not ended, within its lifetimes); read without touching it,
   * so asking does not keep it alive.
   */
  public boolean isAlive(String sessionId, Instant now) {
    BrowserSession session = em.find(BrowserSession.class, sessionId);
    return session != null && session.isAlive(now, settings.idleTtl());
  }

  /** Logout: ends the session of this cookie, if it is one. */
  @Transactional
  public Optional<SignedIn> end(String cookieValue, Origin origin) {
    Optional<SignedIn> signedIn = find(cookieValue);
    signedIn.ifPresent(
        s -> {
          endById(s.sessionId());
          audit.record(
              AuditLog.Entry.of(AuditEvent.Type.SSO_LOGOUT, origin)
                  .user(s.user().id(), s.user().username())
                  .reason("browser session ended"));
        });
    return signedIn;
  }

  /**
   * Ends the session, if it is live, and announces it with the clients it signed in to: their
   * logout goes out from the same transaction.
   */
  @Transactional
  public void endById(String sessionId) {
    int ended =
        em.createNamedQuery(BrowserSession.END)
            .setParameter("now", clock.instant().toEpochMilli())
            .setParameter("id", sessionId)
            .executeUpdate();
    if (ended > 0) {
      BrowserSession session = em.find(BrowserSession.class, sessionId);
      if (session != null) {
        this.ended.fire(new BrowserSessionEnded(sessionId, session.userId(), clientsOf(sessionId)));
      }
    }
  }

  /**
   * Ends up to {@code limit} sessions that ran out (idle or absolute lifetime) but were never ended
   * and signed in to a client, oldest first, and announces each as a logout does: a session that
   * merely runs out must still sign its user out of the applications it signed them in to. Answers
   * how many it ended; two nodes sweeping at once end each session once (the end is conditional).
   */
  @Transactional
  public int endRunOut(int limit) {
    Instant now = clock.instant();
    List<String> ids =
        em.createNamedQuery(BrowserSession.RUN_OUT_WITH_CLIENTS, String.class)
            .setParameter("now", now.toEpochMilli())
            .setParameter("idleSince", now.minus(settings.idleTtl()).toEpochMilli())
            .setMaxResults(limit)
            .getResultList();
    ids.forEach(this::endById);
    return ids.size();
  }

  /**
   * Records that the session signed the user in to the client (a code of it was exchanged), once:
   * the client is sent a logout token when the session ends.
   */
  @Transactional
  public void signedInTo(String sessionId, String clientId, Instant now) {
    long known =
        em.createNamedQuery(BrowserSessionClient.COUNT_OF, Long.class)
            .setParameter("sessionId", sessionId)
            .setParameter("clientId", clientId)
            .getSingleResult();
    if (known == 0) {
      em.persist(new BrowserSessionClient(sessionId, clientId, now));
    }
  }

  /** The clients the session signed in to. */
  public Set<String> clientsOf(String sessionId) {
    return new TreeSet<>(
        em.createNamedQuery(BrowserSessionClient.CLIENTS_OF, String.class)
            .setParameter("sessionId", sessionId)
            .getResultList());
  }

  void endAll(String userId) {
    List<String> live =
        em.createNamedQuery(BrowserSession.LIVE_IDS_OF_USER, String.class)
            .setParameter("userId", userId)
            .setParameter("now", clock.instant().toEpochMilli())
            .getResultList();
    live.forEach(this::endById);
  }

  void onAccountLocked(@Observes AccountLocked locked) {
    endAll(locked.userId());
  }

  void onPasswordChanged(@Observes PasswordChanged changed) {
    endAll(changed.userId());
  }

  void onAllSessionsRevoked(@Observes AllSessionsRevoked revoked) {
    endAll(revoked.userId());
  }

  /**
   * A refresh token replayed in a session this browser session started: the thief may hold the
   * browser's cookie too, so the browser session ends, and with it every client it signed in to.
   */
  void onCompromised(@Observes BrowserSessionCompromised compromised) {
    BrowserSession session = em.find(BrowserSession.class, compromised.browserSessionId());
    if (session != null && session.isAlive(clock.instant(), settings.idleTtl())) {
      endById(session.id());
      audit.record(
          AuditLog.Entry.of(AuditEvent.Type.SSO_LOGOUT, compromised.origin())
              .user(compromised.userId(), null)
              .reason(
                  "browser session ended: a refresh token of a session it started was replayed"));
    }
  }
}
