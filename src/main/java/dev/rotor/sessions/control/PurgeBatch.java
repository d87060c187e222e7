package dev.rotor.sessions.control;

import dev.rotor.persistence.ConfiguredDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** One batch of one purge kind, in its own short transaction. */
@ApplicationScoped
public class PurgeBatch {

  @PersistenceContext EntityManager em;

  private final boolean postgres = ConfiguredDataSource.isPostgres();

  /** Deletes at most {@code limit} rows of the kind older than the cut-off; answers how many. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int delete(PurgeKind kind, long cutOffMillis, int limit) {
    return em.createNativeQuery(kind.sql(postgres))
        .setParameter(1, cutOffMillis)
        .setParameter(2, limit)
        .executeUpdate();
  }
}
