package dev.rotor.sso.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.SsoSettings;
import dev.rotor.security.SecretTokens;
import dev.rotor.sessions.control.AccountChangedMeanwhile;
import dev.rotor.sso.entity.BrowserSession;
import dev.rotor.users.control.AccountLocked;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.control.PasswordChanged;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

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

  @Transactional
  public void endById(String sessionId) {
    em.createNamedQuery(BrowserSession.END)
        .setParameter("now", clock.instant().toEpochMilli())
        .setParameter("id", sessionId)
        .executeUpdate();
  }

  void endAll(String userId) {
    em.createNamedQuery(BrowserSession.END_ALL_OF_USER)
        .setParameter("now", clock.instant().toEpochMilli())
        .setParameter("userId", userId)
        .executeUpdate();
  }

  void onAccountLocked(@Observes AccountLocked locked) {
    endAll(locked.userId());
  }

  void onPasswordChanged(@Observes PasswordChanged changed) {
    endAll(changed.userId());
  }
}
