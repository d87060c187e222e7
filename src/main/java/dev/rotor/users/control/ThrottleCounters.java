package dev.rotor.users.control;

import dev.rotor.users.entity.AccountThrottle;
import dev.rotor.users.entity.AddressThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The throttle's rows, each changed under a row lock in a short transaction of its own, so that
 * every node counts into the same numbers and a count commits even when its request fails.
 */
@ApplicationScoped
public class ThrottleCounters {

  @PersistenceContext EntityManager em;

  /** Takes one check from the address's bucket; zero when taken, else how long to wait. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Duration take(String address, int perMinute, Instant now) {
    AddressThrottle bucket =
        em.find(AddressThrottle.class, address, LockModeType.PESSIMISTIC_WRITE);
    if (bucket == null) {
      bucket = new AddressThrottle(address, perMinute, now);
      em.persist(bucket);
    }
    Duration wait = bucket.take(perMinute, now);
    em.flush();
    return wait;
  }

  /** The account's row as it is now, outside any transaction; empty when no failure is kept. */
  public Optional<AccountThrottle> account(String accountHash) {
    return Optional.ofNullable(em.find(AccountThrottle.class, accountHash));
  }

  /** Counts a failure; the row answers how many in a row, and whether this one locked. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public AccountThrottle fail(
      String accountHash, Instant now, Duration reset, Function<Integer, Duration> lockout) {
    AccountThrottle row =
        em.find(AccountThrottle.class, accountHash, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      row = new AccountThrottle(accountHash);
      em.persist(row);
    }
    row.fail(now, reset, lockout);
    em.flush();
    return row;
  }

  /** A success forgets the failures. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void reset(String accountHash) {
    em.createQuery("DELETE FROM AccountThrottle a WHERE a.accountHash = :hash")
        .setParameter("hash", accountHash)
        .executeUpdate();
  }
}
