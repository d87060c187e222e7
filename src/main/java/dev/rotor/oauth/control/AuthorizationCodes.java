package dev.rotor.oauth.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.control.ClientLocked;
import dev.rotor.oauth.entity.AuthorizationCode;
import dev.rotor.security.SecretTokens;
import dev.rotor.sessions.control.SessionRevocation;
import dev.rotor.sso.control.BrowserSessions.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authorization codes: 256 random bits handed to the browser once, stored only as their SHA-256,
 * valid for {@link #LIFETIME}, spent by exactly one exchange.
 */
@ApplicationScoped
public class AuthorizationCodes {

  public static final Duration LIFETIME = Duration.ofSeconds(60);

  /** A code as its exchange found it: {@code firstUse} false means it came back (a replay). */
  public record Spent(AuthorizationCode code, boolean firstUse) {}

  @PersistenceContext EntityManager em;

  @Inject SessionRevocation revocation;

  @Inject AuditLog audit;

  /**
   * A deleted or disabled client's codes go with its sessions, so that none is exchanged after it
   * is enabled again (in the changing transaction).
   */
  void onClientLocked(@Observes ClientLocked locked) {
    em.createNamedQuery(AuthorizationCode.DELETE_OF_CLIENT)
        .setParameter("clientId", locked.clientId())
        .executeUpdate();
  }

  @Transactional
  public String issue(AuthorizationRequest request, SignedIn signedIn, Instant now) {
    String code = SecretTokens.mint();
    em.persist(
        new AuthorizationCode(
            SecretTokens.hash(code),
            request.client().id(),
            request.redirectUri(),
            request.codeChallenge(),
            request.nonce(),
            request.scope(),
            signedIn.sessionId(),
            signedIn.user().id(),
            signedIn.user().credentialVersion(),
            signedIn.authTime(),
            now,
            now.plus(LIFETIME)));
    return code;
  }

  /**
   * Marks the code used, in a transaction of its own so that a second exchange sees it at once;
   * empty for a value that never was a code. A code already used is marked replayed in the same
   * transaction, under the row lock, before its session is read: see {@link #started}.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Spent> spend(String code, Instant now) {
    String hash = SecretTokens.hash(code);
    boolean first = update(AuthorizationCode.USE, hash, now) > 0;
    if (!first && update(AuthorizationCode.REPLAYED, hash, now) == 0) {
      return Optional.empty();
    }
    // Read after the update, never before: a replay must see the session id that the first
    // exchange recorded before this transaction got the row.
    return Optional.ofNullable(em.find(AuthorizationCode.class, hash))
        .map(found -> new Spent(found, first));
  }

  private int update(String query, String hash, Instant now) {
    return em.createNamedQuery(query)
        .setParameter("now", now.toEpochMilli())
        .setParameter("hash", hash)
        .executeUpdate();
  }

  /**
   * A code came back (RFC 6749 §4.1.2): the token session its first exchange started is revoked,
   * and the replay recorded.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void replayed(AuthorizationCode code, Origin origin) {
    if (code.sessionId() != null) {
      revocation.revokeOwn(code.userId(), code.sessionId(), "code-replay", origin);
    }
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.CODE_REPLAYED, origin)
            .user(code.userId(), null)
            .session(code.sessionId())
            .reason("client " + code.clientId()));
  }

  /**
   * Remembers the token session a code started, to revoke it if the code comes back; revokes it at
   * once if the code came back already. A replay that raced this exchange read the code before this
   * session id was there, so it revoked nothing: either it wrote the row first (and this sees
   * {@code replayed_at}) or it writes it after this commits (and sees the session id).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void started(String code, String sessionId, Origin origin) {
    String hash = SecretTokens.hash(code);
    em.createNamedQuery(AuthorizationCode.STARTED)
        .setParameter("sessionId", sessionId)
        .setParameter("hash", hash)
        .executeUpdate();
    AuthorizationCode found = em.find(AuthorizationCode.class, hash);
    if (found != null && found.wasReplayed()) {
      revocation.revokeOwn(found.userId(), sessionId, "code-replay", origin);
    }
  }
}
