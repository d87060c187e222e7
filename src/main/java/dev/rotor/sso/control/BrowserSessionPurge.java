package dev.rotor.sso.control;

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

/**
 * What the purge removes of single sign-on: browser sessions ended or past their absolute lifetime,
 * after the retention.
 */
@ApplicationScoped
public class BrowserSessionPurge implements Purgeable {

  private static final List<PurgeKind> KINDS =
      List.of(
          new PurgeKind(
              "browser_sessions",
              "DELETE FROM browser_session WHERE id IN (SELECT id FROM browser_session"
                  + " WHERE expires_at < ?1 OR ended_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.RETENTION));

  @PersistenceContext EntityManager em;

  @Inject DatabaseKind database;

  @Override
  public int position() {
    return 30;
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
