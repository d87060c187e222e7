package dev.rotor.audit.control;

import dev.rotor.audit.entity.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Writes events in the transaction of what they record (a refresh and its event commit together),
 * or in their own when there is none (a failed login).
 */
@ApplicationScoped
public class AuditLog {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /**
   * One event to record: what happened and from where, then who, which session and why as far as
   * they are known, and when (the request's instant; the clock's when not given).
   */
  public record Entry(
      AuditEvent.Type type,
      Origin origin,
      String userId,
      String username,
      String sessionId,
      String reason,
      Instant at) {

    public static Entry of(AuditEvent.Type type, Origin origin) {
      return new Entry(type, origin, null, null, null, null, null);
    }

    /** The account concerned: its id and name, either null when not known. */
    public Entry user(String id, String name) {
      return new Entry(type, origin, id, name, sessionId, reason, at);
    }

    public Entry session(String id) {
      return new Entry(type, origin, userId, username, id, reason, at);
    }

    /** Why, in words for an admin: never a secret. */
    public Entry reason(String text) {
      return new Entry(type, origin, userId, username, sessionId, text, at);
    }

    /** When, as the request that records it saw the time. */
    public Entry at(Instant instant) {
      return new Entry(type, origin, userId, username, sessionId, reason, instant);
    }
  }

  @Transactional
  public void record(Entry entry) {
    persist(entry);
  }

  /**
   * In a transaction of its own, which commits even when the request that records the event fails
   * in a transaction of its own (a rejected client at a transactional endpoint).
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordApart(Entry entry) {
    persist(entry);
  }

  private void persist(Entry entry) {
    em.persist(
        new AuditEvent(
            entry.at() != null ? entry.at() : clock.instant(),
            entry.type(),
            entry.userId(),
            entry.username(),
            entry.sessionId(),
            entry.origin().address(),
            entry.origin().userAgent(),
            entry.reason()));
  }

  /** A filter over the log; null fields do not filter. */
  public record Filter(AuditEvent.Type type, String userId, Instant from, Instant to) {}

  public List<AuditEvent> find(Filter filter, int page, int size) {
    TypedQuery<AuditEvent> query =
        em.createQuery(
            "SELECT e FROM AuditEvent e" + where(filter) + " ORDER BY e.occurredAt DESC, e.id",
            AuditEvent.class);
    bind(query, filter);
    return query.setFirstResult(page * size).setMaxResults(size).getResultList();
  }

  public long count(Filter filter) {
    TypedQuery<Long> query =
        em.createQuery("SELECT COUNT(e) FROM AuditEvent e" + where(filter), Long.class);
    bind(query, filter);
    return query.getSingleResult();
  }

  private static String where(Filter f) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (f.type() != null) {
      where.append(" AND e.type = :type");
    }
    if (f.userId() != null) {
      where.append(" AND e.userId = :userId");
    }
    if (f.from() != null) {
      where.append(" AND e.occurredAt >= :from");
    }
    if (f.to() != null) {
      where.append(" AND e.occurredAt < :to");
    }
    return where.toString();
  }

  private static void bind(TypedQuery<?> query, Filter f) {
    if (f.type() != null) {
      query.setParameter("type", f.type());
    }
    if (f.userId() != null) {
      query.setParameter("userId", f.userId());
    }
    if (f.from() != null) {
      query.setParameter("from", f.from().toEpochMilli());
    }
    if (f.to() != null) {
      query.setParameter("to", f.to().toEpochMilli());
    }
  }
}
