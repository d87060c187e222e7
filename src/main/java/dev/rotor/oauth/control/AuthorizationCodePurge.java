package dev.rotor.oauth.control;

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
 * What the purge removes of authorization codes: those expired longer than the retention ago (kept
 * to recognise replays).
 */
@ApplicationScoped
public class AuthorizationCodePurge implements Purgeable {

  private static final List<PurgeKind> KINDS =
      List.of(
          new PurgeKind(
              "authorization_codes",
              "DELETE FROM authorization_code WHERE code_hash IN (SELECT code_hash FROM"
                  + " authorization_code WHERE expires_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.RETENTION));

  @PersistenceContext EntityManager em;

  @Inject DatabaseKind database;

  @Override
  public int position() {
    return 20;
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
