package dev.rotor.persistence;

import jakarta.persistence.EntityManager;

/**
 * One kind of dead row the purge removes: one batched DELETE through an index, written by the
 * component that owns the table ({@link Purgeable}). In the statement {@code ?1} is the cut-off
 * time (epoch ms), {@code ?2} the batch size, and {@code %s} where PostgreSQL's row locking goes.
 *
 * @param label the name in reports, logs and metrics
 * @param sql the statement, with {@code %s} after its inner {@code LIMIT ?2}
 * @param lockedTable the alias PostgreSQL's {@code FOR UPDATE OF} names, or empty for the only one
 * @param cutoff which "older than" the kind is measured against
 */
public record PurgeKind(String label, String sql, String lockedTable, Cutoff cutoff) {

  /** Which "older than" a kind is measured against. */
  public enum Cutoff {
    NOW,
    RETENTION,
    AUDIT_RETENTION
  }

  /**
   * The statement; on PostgreSQL the batch skips rows another purge has locked, so two overlapping
   * runs share the work instead of waiting on (or deadlocking with) each other.
   */
  public String sql(DatabaseKind database) {
    return sql.formatted(
        database == DatabaseKind.POSTGRESQL ? " FOR UPDATE" + lockedTable + " SKIP LOCKED" : "");
  }

  /**
   * Deletes at most {@code limit} rows of this kind older than the cut-off, in the caller's
   * transaction; answers how many.
   */
  public int delete(EntityManager em, DatabaseKind database, long cutOffMillis, int limit) {
    return em.createNativeQuery(sql(database))
        .setParameter(1, cutOffMillis)
        .setParameter(2, limit)
        .executeUpdate();
  }

  @Override
  public String toString() {
    return label;
  }
}
