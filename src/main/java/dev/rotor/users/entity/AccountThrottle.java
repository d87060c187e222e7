package dev.rotor.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Consecutive failed password checks for one attempted username, known or not, from one source or
 * from all unfamiliar ones, kept by a digest only. Shared by every node through the database.
 */
@Entity
@Table(name = "account_throttle")
public class AccountThrottle {

  @Id
  @Column(name = "account_hash")
  private String accountHash;

  private int failures;

  @Column(name = "last_failure_at")
  private long lastFailureAt;

  @Column(name = "locked_until")
  private long lockedUntil;

  @Column(name = "expires_at")
  private long expiresAt;

  @Transient private boolean lockStarted;

  protected AccountThrottle() {}

  public AccountThrottle(String accountHash) {
    this.accountHash = accountHash;
  }

  /** Until when password attempts are refused. */
  public Instant lockedUntil() {
    return Instant.ofEpochMilli(lockedUntil);
  }

  public boolean isLocked(Instant now) {
    return lockedUntil > now.toEpochMilli();
  }

  public int failures() {
    return failures;
  }

  /**
   * Counts one more failure, or the first again when the last is older than {@code reset}, and
   * locks for as long as {@code lockout} says for that many (zero: no lock). The row matters until
   * the lock and the reset are both over.
   */
  public void fail(Instant now, Duration reset, Function<Integer, Duration> lockout) {
    long at = now.toEpochMilli();
    failures = lastFailureAt + reset.toMillis() < at ? 1 : failures + 1;
    lastFailureAt = at;
    Duration lock = lockout.apply(failures);
    lockStarted = !lock.isZero();
    if (lockStarted) {
      lockedUntil = at + lock.toMillis();
    }
    expiresAt = Math.max(lockedUntil, at + reset.toMillis());
  }

  /**
   * Takes back the failure a check was counted as before it ran, because it succeeded: one failure
   * fewer, and the lock that counting started undone, unless a later failure has moved it since.
   */
  public void refund(Instant lockedUntilBefore, Instant lockedUntilAfter) {
    failures = Math.max(0, failures - 1);
    if (lockedUntil == lockedUntilAfter.toEpochMilli()) {
      lockedUntil = lockedUntilBefore.toEpochMilli();
    }
  }

  /**
   * The check succeeded: the failures counted here are forgotten, and the lock that counting it may
   * have started with them. The row stays (its expiry is the purge's), so the next check from this
   * source finds it and needs no creation lock.
   */
  public void forget() {
    failures = 0;
    lockedUntil = 0;
  }

  /** Whether the last {@link #fail} locked the account. */
  public boolean lockStarted() {
    return lockStarted;
  }
}
