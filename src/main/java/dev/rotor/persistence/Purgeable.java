package dev.rotor.persistence;

import java.util.List;

/**
 * A component that removes its own dead rows in the purge, with its own SQL: each one that owns a
 * table with rows that die is a CDI bean of this type, and the purge (sessions) runs them in the
 * order of {@link #position()}, each of their kinds in turn, in batches.
 */
public interface Purgeable {

  /** When this component's rows go, among the others': lower first. */
  int position();

  /** Its kinds of dead rows, in the order they are removed. */
  List<PurgeKind> kinds();

  /**
   * One batch of one of its kinds, in a transaction of its own: at most {@code limit} rows older
   * than the cut-off; answers how many.
   */
  int delete(PurgeKind kind, long cutOffMillis, int limit);
}
