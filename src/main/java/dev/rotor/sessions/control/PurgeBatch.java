package dev.rotor.sessions.control;

import dev.rotor.persistence.DatabaseKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** One batch of one purge kind, in its own short transaction. */
@ApplicationScoped
public class PurgeBatch {

  @PersistenceContext EntityManager em;

  @Inject DatabaseKind database;

  /** Deletes at most {@code limit} rows of the kind older than the cut-off; answers how many. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int delete(PurgeKind kind, long cutOffMillis, int limit) {
    return em.createNativeQuery(kind.sql(database))
        .setParameter(1, cutOffMillis)
        .setParameter(2, limit)
        .executeUpdate();
  }
}
