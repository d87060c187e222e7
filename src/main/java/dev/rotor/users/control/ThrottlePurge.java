package dev.rotor.users.control;

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

/** What the purge removes of the login throttle: counters, budgets and trust whose time is over. */
@ApplicationScoped
public class ThrottlePurge implements Purgeable {

  private static final List<PurgeKind> KINDS =
      List.of(
          /* Failed-login counters whose lock and failure memory are both over. */
          new PurgeKind(
              "account_throttles",
              "DELETE FROM account_throttle WHERE account_hash IN (SELECT account_hash FROM"
                  + " account_throttle WHERE expires_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.NOW),
          /* Address budgets that have refilled: a missing row is a full budget. */
          new PurgeKind(
              "address_throttles",
              "DELETE FROM address_throttle WHERE address IN (SELECT address FROM address_throttle"
                  + " WHERE expires_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.NOW),
          /* Addresses whose sign-in trust has run out. */
          new PurgeKind(
              "trusted_sources",
              "DELETE FROM trusted_source WHERE source_hash IN (SELECT source_hash FROM"
                  + " trusted_source WHERE expires_at < ?1 LIMIT ?2%s)",
              "",
              Cutoff.NOW));

  @PersistenceContext EntityManager em;

  @Inject DatabaseKind database;

  @Override
  public int position() {
    return 40;
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
