package dev.rotor.oauth.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.oauth.entity.LogoutDelivery;
import dev.rotor.sso.control.BrowserSessionEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The logout tokens owed to clients, in the database: written in the transaction that ends a
 * browser session (so a logout is never lost, and never sent for a session that did not end),
 * leased to one node per attempt, retried with back-off, and deleted once sent or given up. Every
 * outcome is an audit event naming the client and the HTTP status.
 */
@ApplicationScoped
public class LogoutOutbox {

  /** Attempts per logout token before it is given up. */
  public static final int MAX_ATTEMPTS = 5;

  /** The wait after the first failure; it doubles after each one (30 s, 1, 2, 4 min). */
  public static final Duration FIRST_RETRY = Duration.ofSeconds(30);

  /**
   * How long a node holds a claimed attempt: well past the request's timeout, so a slow answer is
   * never sent twice, yet a node that died mid-attempt delays it only this long.
   */
  public static final Duration LEASE = Duration.ofMinutes(1);

  @PersistenceContext EntityManager em;

  @Inject ClientRegistry clients;

  @Inject AuditLog audit;

  @Inject Clock clock;

  /** An attempt this node claimed. */
  public record Claimed(String id, String clientId, String subject, String sid, int attempts) {}

  /**
   * The wait before the next attempt after {@code failed} failures; empty once the last one failed.
   * Five attempts over 7.5 minutes: long enough for a client's restart, short enough that a logout
   * that cannot be delivered is reported soon.
   */
  public static Optional<Duration> retryAfter(int failed) {
    if (failed < 1 || failed >= MAX_ATTEMPTS) {
      return Optional.empty();
    }
    return Optional.of(FIRST_RETRY.multipliedBy(1L << (failed - 1)));
  }

  /** One row per client of the ended session that takes back-channel logout. */
  void onBrowserSessionEnded(@Observes BrowserSessionEnded ended) {
    Instant now = clock.instant();
    for (String clientId : ended.clientIds()) {
      if (clients.find(clientId).map(Client::backchannelLogoutUri).isPresent()) {
        em.persist(new LogoutDelivery(clientId, ended.userId(), ended.sessionId(), now));
      }
    }
  }

  /**
   * Leases up to {@code limit} due attempts to this node: each by one conditional UPDATE, so of two
   * nodes claiming the same row only one gets it.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Claimed> claimDue(int limit) {
    long now = clock.millis();
    List<String> due =
        em.createNamedQuery(LogoutDelivery.DUE, String.class)
            .setParameter("now", now)
            .setMaxResults(limit)
            .getResultList();
    List<Claimed> claimed = new ArrayList<>();
    for (String id : due) {
      int won =
          em.createNamedQuery(LogoutDelivery.CLAIM)
              .setParameter("until", now + LEASE.toMillis())
              .setParameter("id", id)
              .setParameter("now", now)
              .executeUpdate();
      LogoutDelivery row = won == 1 ? em.find(LogoutDelivery.class, id) : null;
      if (row != null) {
        claimed.add(
            new Claimed(row.id(), row.clientId(), row.subject(), row.sid(), row.attempts()));
      }
    }
    return claimed;
  }

  /** The client took it (HTTP {@code status}): done. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void sent(Claimed attempt, int status) {
    delete(attempt);
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.BACKCHANNEL_LOGOUT_SENT, Origin.SERVER)
            .user(attempt.subject(), null)
            .reason("client " + attempt.clientId() + ": HTTP " + status));
  }

  /**
   * The attempt failed ({@code what}: the HTTP status or why there was none): due again after the
   * back-off, or given up after the last attempt.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void failed(Claimed attempt, String what) {
    int failed = attempt.attempts() + 1;
    Optional<Duration> retry = retryAfter(failed);
    String outcome;
    if (retry.isPresent()) {
      LogoutDelivery row = em.find(LogoutDelivery.class, attempt.id());
      if (row != null) {
        row.failed(clock.instant().plus(retry.get()));
      }
      outcome = "retry in " + retry.get().toSeconds() + " s";
    } else {
      delete(attempt);
      outcome = "given up";
    }
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.BACKCHANNEL_LOGOUT_FAILED, Origin.SERVER)
            .user(attempt.subject(), null)
            .reason(
                "client %s: %s; attempt %d of %d, %s"
                    .formatted(attempt.clientId(), what, failed, MAX_ATTEMPTS, outcome)));
  }

  /** The client no longer takes back-channel logout (changed or deleted since): nothing to send. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void dropped(Claimed attempt) {
    delete(attempt);
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.BACKCHANNEL_LOGOUT_FAILED, Origin.SERVER)
            .user(attempt.subject(), null)
            .reason("client " + attempt.clientId() + ": no backchannel_logout_uri any more"));
  }

  private void delete(Claimed attempt) {
    LogoutDelivery row = em.find(LogoutDelivery.class, attempt.id());
    if (row != null) {
      em.remove(row);
    }
  }
}
