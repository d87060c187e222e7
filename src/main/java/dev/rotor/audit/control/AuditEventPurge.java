package dev.rotor.audit.control;

import dev.rotor.persistence.DatabaseKind;
import dev.rotor.persistence.PurgeKind;
import dev.rotor.persistence.PurgeKind.Cutoff;
import dev.rotor.persistence.Purgeable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** What the purge removes of the audit log, last: events older than their own retention. */
@ApplicationScoped
public class AuditEventPurge implements Purgeable {

  private static final List<PurgeKind> KINDS =
      List.of(
          new PurgeKind(
              "events",
              "DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event"
                  + " WHERE occurred_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.AUDIT_RETENTION));

  @PersistenceContext EntityManager em;

  @Inject DatabaseKind database;

  @Override
  public int position() {
    return 50;
  }

  @Override
  public List<PurgeKind> kinds() {
    return KINDS;
  }

  @Override
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int delete(PurgeKind kind, long cutOffMillis, int limit) {
    return kind.delete(em, database, cutOffMillis, limit);
  }
}
