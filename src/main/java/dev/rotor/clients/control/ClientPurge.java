package dev.rotor.clients.control;

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
 * What the purge removes of the clients' tables: the accepted client assertions that would be
 * refused as expired anyway, so their {@code jti} need not be remembered; and the initial access
 * tokens that expired, or were revoked, longer ago than the retention (an admin still sees in the
 * list a token that ended recently).
 */
@ApplicationScoped
public class ClientPurge implements Purgeable {

  private static final List<PurgeKind> KINDS =
      List.of(
          // The key has two columns: the batch names its rows by both (a row value, H2 and
          // PostgreSQL).
          new PurgeKind(
              "client_assertions",
              "DELETE FROM client_assertion WHERE (client_id, jti_hash) IN (SELECT client_id,"
                  + " jti_hash FROM client_assertion WHERE expires_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.NOW),
          new PurgeKind(
              "initial_access_tokens",
              "DELETE FROM initial_access_token WHERE id IN (SELECT id FROM initial_access_token"
                  + " WHERE expires_at < ?1 OR revoked_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.RETENTION));

  @PersistenceContext EntityManager em;

  @Inject DatabaseKind database;

  @Override
  public int position() {
    return 45;
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
