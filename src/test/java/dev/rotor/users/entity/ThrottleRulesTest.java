package dev.rotor.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.configuration.ThrottleSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arithmetic of the brute-force defence, without a database. */
class ThrottleRulesTest {

  static final ThrottleSettings DEFAULTS =
      new ThrottleSettings(
          5,
          20,
          Duration.ofMinutes(1),
          Duration.ofMinutes(15),
          Duration.ofHours(12),
          Duration.ofDays(30),
          300);
  static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void theLockStartsAtTheFifthFailureAndDoublesUpToItsMaximum() {
    assertThat(DEFAULTS.lockFor(4)).isZero();
    assertThat(DEFAULTS.lockFor(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(DEFAULTS.lockFor(6)).isEqualTo(Duration.ofMinutes(2));
    assertThat(DEFAULTS.lockFor(8)).isEqualTo(Duration.ofMinutes(8));
    assertThat(DEFAULTS.lockFor(9)).isEqualTo(Duration.ofMinutes(15));
    assertThat(DEFAULTS.lockFor(1_000)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void zeroFailuresSwitchTheLockOff() {
    ThrottleSettings off =
        new ThrottleSettings(
            0,
            20,
            Duration.ofMinutes(1),
            Duration.ofMinutes(15),
            Duration.ZERO,
            Duration.ofDays(30),
            0);
    assertThat(off.lockFor(100)).isZero();
    assertThat(off.unfamiliarLockFor(100)).isZero();
  }

  @Test
  void unfamiliarSourcesTogetherLockAtTheLooserLimitOnTheSameSchedule() {
    assertThat(DEFAULTS.unfamiliarLockFor(19)).isZero();
    assertThat(DEFAULTS.unfamiliarLockFor(20)).isEqualTo(Duration.ofMinutes(1));
    assertThat(DEFAULTS.unfamiliarLockFor(21)).isEqualTo(Duration.ofMinutes(2));
    assertThat(DEFAULTS.unfamiliarLockFor(500)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void aRefundTakesBackTheFailureAndTheLockItStarted() {
    AccountThrottle row = new AccountThrottle("digest");
    for (int i = 0; i < 4; i++) {
      row.fail(T0, DEFAULTS.failureReset(), DEFAULTS::lockFor);
    }
    Instant before = row.lockedUntil();
    row.fail(T0, DEFAULTS.failureReset(), DEFAULTS::lockFor);
    assertThat(row.isLocked(T0)).isTrue();

    row.refund(before, row.lockedUntil());

    assertThat(row.failures()).isEqualTo(4);
    assertThat(row.isLocked(T0)).isFalse();
  }

  @Test
  void aRefundLeavesALockThatALaterFailureMoved() {
    AccountThrottle row = new AccountThrottle("digest");
    for (int i = 0; i < 4; i++) {
      row.fail(T0, DEFAULTS.failureReset(), DEFAULTS::lockFor);
    }
    Instant before = row.lockedUntil();
    row.fail(T0, DEFAULTS.failureReset(), DEFAULTS::lockFor);
    Instant mine = row.lockedUntil();
    row.fail(T0.plusSeconds(1), DEFAULTS.failureReset(), DEFAULTS::lockFor);

    row.refund(before, mine);

    assertThat(row.failures()).isEqualTo(5);
    assertThat(row.isLocked(T0.plusSeconds(30))).isTrue();
  }

  @Test
  void failuresOlderThanTheResetAreForgotten() {
    AccountThrottle row = new AccountThrottle("digest");
    for (int i = 0; i < 4; i++) {
      row.fail(T0, DEFAULTS.failureReset(), DEFAULTS::lockFor);
    }
    assertThat(row.failures()).isEqualTo(4);

    row.fail(T0.plus(Duration.ofHours(13)), DEFAULTS.failureReset(), DEFAULTS::lockFor);

    assertThat(row.failures()).isEqualTo(1);
    assertThat(row.lockStarted()).isFalse();
    assertThat(row.isLocked(T0.plus(Duration.ofHours(13)))).isFalse();
  }

  @Test
  void theFifthFailureLocksUntilTheLockoutIsOver() {
    AccountThrottle row = new AccountThrottle("digest");
    for (int i = 0; i < 5; i++) {
      row.fail(T0, DEFAULTS.failureReset(), DEFAULTS::lockFor);
    }

    assertThat(row.lockStarted()).isTrue();
    assertThat(row.isLocked(T0.plusSeconds(59))).isTrue();
    assertThat(row.isLocked(T0.plusSeconds(60))).isFalse();
  }

  @Test
  void anAddressGetsItsMinuteBudgetThenOneCheckPerRefill() {
    AddressThrottle bucket = new AddressThrottle("192.0.2.1", 60, T0);
    for (int i = 0; i < 60; i++) {
      assertThat(bucket.take(60, T0)).as("check %d", i + 1).isZero();
    }

    assertThat(bucket.take(60, T0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(bucket.take(60, T0.plusMillis(500))).isEqualTo(Duration.ofMillis(500));
    assertThat(bucket.take(60, T0.plusSeconds(1))).isZero();
    assertThat(bucket.take(60, T0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aClockThatGoesBackRefillsNothingAndRefillsFromThereOn() {
    AddressThrottle bucket = new AddressThrottle("192.0.2.1", 1, T0);
    assertThat(bucket.take(1, T0)).isZero();

    assertThat(bucket.take(1, T0.minusSeconds(120))).isPositive();
    assertThat(bucket.take(1, T0.minusSeconds(60))).isZero();
  }
}
