package dev.rotor.users.control;

import dev.rotor.configuration.ThrottleSettings;
import dev.rotor.persistence.NamedLock;
import dev.rotor.users.entity.AccountThrottle;
import dev.rotor.users.entity.AddressThrottle;
import dev.rotor.users.entity.TrustedSource;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The throttle's rows, each changed under a row lock in a short transaction of its own, so that
 * every node counts into the same numbers and a count commits even when its request fails.
 */
@ApplicationScoped
public class ThrottleCounters {

  private static final String COUNT_COUNTERS =
      "SELECT COUNT(a) FROM AccountThrottle a WHERE a.accountHash = :key";
  private static final String COUNT_BUCKETS =
      "SELECT COUNT(b) FROM AddressThrottle b WHERE b.address = :key";
  private static final String COUNT_TRUSTED =
      "SELECT COUNT(t) FROM TrustedSource t WHERE t.sourceHash = :key";

  @PersistenceContext EntityManager em;

  /** Takes one check from the address's bucket; zero when taken, else how long to wait. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Duration take(String address, int perMinute, Instant now) {
    if (!exists(COUNT_BUCKETS, address)) {
      createRows();
    }
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

  /** One counter a check is counted in before it runs. */
  public record Reserved(
      String hash,
      boolean unfamiliar,
      Instant lockedBefore,
      Instant lockedAfter,
      int failures,
      boolean lockStarted) {}

  /** Admitted with the rows it was counted in, or refused until {@code lockedUntil}. */
  public record Reservation(List<Reserved> rows, Instant lockedUntil, boolean unfamiliar) {
    public boolean refused() {
      return lockedUntil != null;
    }
  }

  /**
   * Counts a password check as a failure before it runs, in the source's row and, when the source
   * is not familiar to the account, in the account's row for unfamiliar sources: so however many
   * checks arrive at once, on however many nodes, no more run than the locks allow. Refused, with
   * nothing counted, while either row is locked. Rows are always locked account first.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Reservation reserve(
      String accountHash,
      String sourceHash,
      boolean familiar,
      Instant now,
      ThrottleSettings settings) {
    record Row(String hash, boolean unfamiliar, IntFunction<Duration> lockout) {}
    List<Row> rows = new ArrayList<>(2);
    if (settings.locksUnfamiliarSources() && !familiar && !isTrusted(sourceHash, now)) {
      rows.add(new Row(accountHash, true, settings::unfamiliarLockFor));
    }
    rows.add(new Row(sourceHash, false, settings::lockFor));
    boolean creating = rows.stream().anyMatch(row -> !exists(COUNT_COUNTERS, row.hash()));
    if (creating) {
      createRows();
    }
    List<AccountThrottle> found = new ArrayList<>(2);
    Instant lockedUntil = null;
    boolean unfamiliar = false;
    for (Row row : rows) {
      AccountThrottle kept =
          em.find(AccountThrottle.class, row.hash(), LockModeType.PESSIMISTIC_WRITE);
      if (kept == null && !creating) {
        // Deleted between the look and the lock: a creation must take the creation lock first.
        throw new RowVanished();
      }
      found.add(kept);
      if (kept != null
          && kept.isLocked(now)
          && (lockedUntil == null || kept.lockedUntil().isAfter(lockedUntil))) {
        lockedUntil = kept.lockedUntil();
        unfamiliar = row.unfamiliar();
      }
    }
    if (lockedUntil != null) {
      return new Reservation(List.of(), lockedUntil, unfamiliar);
    }
    List<Reserved> reserved = new ArrayList<>(2);
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      AccountThrottle counter = found.get(i);
      if (counter == null) {
        counter = new AccountThrottle(row.hash());
        em.persist(counter);
      }
      Instant before = counter.lockedUntil();
      counter.fail(now, settings.failureReset(), row.lockout()::apply);
      reserved.add(
          new Reserved(
              row.hash(),
              row.unfamiliar(),
              before,
              counter.lockedUntil(),
              counter.failures(),
              counter.lockStarted()));
    }
    em.flush();
    return new Reservation(reserved, null, false);
  }

  /**
   * The check succeeded: the source's failures are forgotten, the account's count of unfamiliar
   * failures gives this one back, and the address is familiar to the account until {@code until}.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void succeeded(Reservation reservation, String addressHash, Instant until) {
    boolean trustedBefore = addressHash == null || exists(COUNT_TRUSTED, addressHash);
    if (!trustedBefore) {
      createRows();
    }
    for (Reserved row : reservation.rows()) {
      AccountThrottle counter =
          em.find(AccountThrottle.class, row.hash(), LockModeType.PESSIMISTIC_WRITE);
      if (counter == null) {
        continue;
      }
      if (row.unfamiliar()) {
        counter.refund(row.lockedBefore(), row.lockedAfter());
      } else {
        counter.forget();
      }
    }
    if (addressHash != null) {
      TrustedSource trusted =
          em.find(TrustedSource.class, addressHash, LockModeType.PESSIMISTIC_WRITE);
      if (trusted == null) {
        em.persist(new TrustedSource(addressHash, until));
      } else {
        trusted.extend(until);
      }
    }
    em.flush();
  }

  /** A counter as last committed: its failures in a row and until when it refuses. */
  public record Standing(int failures, Instant lockedUntil) {
    public boolean isLocked(Instant now) {
      return lockedUntil.isAfter(now);
    }
  }

  /** The counter's standing, read without a lock or a transaction; null when it has no row. */
  public Standing standing(String hash) {
    AccountThrottle counter = em.find(AccountThrottle.class, hash);
    return counter == null ? null : new Standing(counter.failures(), counter.lockedUntil());
  }

  /**
   * A check succeeded for a counter with failures on record: they are forgotten, unless a failure
   * counted meanwhile has locked it. Answers until when it is locked then, or null.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Instant cleared(String hash, Instant now) {
    AccountThrottle counter = em.find(AccountThrottle.class, hash, LockModeType.PESSIMISTIC_WRITE);
    if (counter == null) {
      return null;
    }
    if (counter.isLocked(now)) {
      return counter.lockedUntil();
    }
    counter.forget();
    em.flush();
    return null;
  }

  /** The username as stored when it names an account, outside any transaction. */
  public Optional<String> existingName(String username) {
    return em.createNamedQuery(User.BY_USERNAME, User.class)
        .setParameter("usernameKey", User.keyOf(username))
        .getResultStream()
        .findFirst()
        .map(User::username);
  }

  /** Thrown to try a reservation again; never leaves this component. */
  static class RowVanished extends PersistenceException {
    RowVanished() {
      super("a throttle row was deleted while it was being locked");
    }
  }

  /**
   * Takes the lock that every creation of a throttle or trust row holds: then the rows are looked
   * for again under their own locks, and nobody else is inserting them. Taken before any row lock.
   */
  private void createRows() {
    em.find(NamedLock.class, NamedLock.THROTTLE_ROWS, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Looks without loading the row: a row already in the persistence context would not be read again
   * when it is locked (Hibernate locks a managed entity without refreshing it).
   */
  private boolean exists(String countQuery, String key) {
    return em.createQuery(countQuery, Long.class).setParameter("key", key).getSingleResult() > 0;
  }

  private boolean isTrusted(String sourceHash, Instant now) {
    TrustedSource trusted = em.find(TrustedSource.class, sourceHash);
    return trusted != null && trusted.isTrusted(now);
  }
}
