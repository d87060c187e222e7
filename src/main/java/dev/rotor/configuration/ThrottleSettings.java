package dev.rotor.configuration;

import java.time.Duration;

/**
 * Brute-force defence. Per account and source (the client's address, or a browser that signed in to
 * the account before): after {@code maxFailures} consecutive failed password checks that source is
 * locked out of the account for {@code lockout}, doubled by each further failure up to {@code
 * lockoutMax}. Per account: after {@code accountMaxFailures} such failures from sources the account
 * has not signed in from within {@code trustedFor}, all of those are locked out the same way, while
 * known sources still get in. Failures older than {@code failureReset} are forgotten. Per client
 * address: at most {@code addressPerMinute} password checks a minute. Zero switches either off.
 */
public record ThrottleSettings(
    int maxFailures,
    int accountMaxFailures,
    Duration lockout,
    Duration lockoutMax,
    Duration failureReset,
    Duration trustedFor,
    int addressPerMinute) {

  public static ThrottleSettings read(ConfigReader config) {
    Duration lockout = config.positiveDuration("rotor.throttle.login.lockout", "PT1M");
    Duration lockoutMax = config.positiveDuration("rotor.throttle.login.lockout-max", "PT15M");
    if (lockoutMax.compareTo(lockout) < 0) {
      config.problem(
          "rotor.throttle.login.lockout-max",
          "must not be shorter than rotor.throttle.login.lockout");
    }
    int maxFailures = config.count("rotor.throttle.login.max-failures", 5, "no account lock");
    int accountMaxFailures =
        config.count(
            "rotor.throttle.login.account-max-failures",
            20,
            "no lock for unfamiliar sources as a whole");
    if (accountMaxFailures > 0 && accountMaxFailures < maxFailures) {
      config.problem(
          "rotor.throttle.login.account-max-failures",
          "must not be below rotor.throttle.login.max-failures");
    }
    return new ThrottleSettings(
        maxFailures,
        accountMaxFailures,
        lockout,
        lockoutMax,
        config.positiveDuration("rotor.throttle.login.failure-reset", "PT12H"),
        config.positiveDuration("rotor.throttle.login.trusted-for", "P30D"),
        config.count("rotor.throttle.address.per-minute", 300, "no limit per address"));
  }

  public boolean locksAccounts() {
    return maxFailures > 0;
  }

  public boolean locksUnfamiliarSources() {
    return locksAccounts() && accountMaxFailures > 0;
  }

  public boolean limitsAddresses() {
    return addressPerMinute > 0;
  }

  /**
   * How long the {@code failures}-th consecutive failure from one source locks it out: nothing
   * below {@code maxFailures}, then {@code lockout}, doubled per further failure, at most {@code
   * lockoutMax}.
   */
  public Duration lockFor(int failures) {
    return lockAfter(failures, maxFailures);
  }

  /** The same schedule for the failures from every unfamiliar source of an account together. */
  public Duration unfamiliarLockFor(int failures) {
    return locksUnfamiliarSources() ? lockAfter(failures, accountMaxFailures) : Duration.ZERO;
  }

  private Duration lockAfter(int failures, int threshold) {
    if (!locksAccounts() || failures < threshold) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - threshold, 30);
    Duration lock = lockout.multipliedBy(1L << doublings);
    return lock.compareTo(lockoutMax) > 0 || lock.isNegative() ? lockoutMax : lock;
  }
}
