package dev.rotor.configuration;

import java.time.Duration;

/**
 * Brute-force defence. Per account: after {@code maxFailures} consecutive failed password checks
 * the account is locked for {@code lockout}, doubled by each further failure up to {@code
 * lockoutMax}; failures older than {@code failureReset} are forgotten. Per client address: at most
 * {@code addressPerMinute} password checks a minute. Zero switches either off.
 */
public record ThrottleSettings(
    int maxFailures,
    Duration lockout,
    Duration lockoutMax,
    Duration failureReset,
    int addressPerMinute) {

  public static ThrottleSettings read(ConfigReader config) {
    Duration lockout = config.positiveDuration("rotor.throttle.login.lockout", "PT1M");
    Duration lockoutMax = config.positiveDuration("rotor.throttle.login.lockout-max", "PT15M");
    if (lockoutMax.compareTo(lockout) < 0) {
      config.problem(
          "rotor.throttle.login.lockout-max",
          "must not be shorter than rotor.throttle.login.lockout");
    }
    return new ThrottleSettings(
        config.count("rotor.throttle.login.max-failures", 5, "no account lock"),
        lockout,
        lockoutMax,
        config.positiveDuration("rotor.throttle.login.failure-reset", "PT12H"),
        config.count("rotor.throttle.address.per-minute", 300, "no limit per address"));
  }

  public boolean locksAccounts() {
    return maxFailures > 0;
  }

  public boolean limitsAddresses() {
    return addressPerMinute > 0;
  }

  /**
   * How long the {@code failures}-th consecutive failure locks the account: nothing below {@code
   * maxFailures}, then {@code lockout}, doubled per further failure, at most {@code lockoutMax}.
   */
  public Duration lockFor(int failures) {
    if (!locksAccounts() || failures < maxFailures) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - maxFailures, 30);
    Duration lock = lockout.multipliedBy(1L << doublings);
    return lock.compareTo(lockoutMax) > 0 || lock.isNegative() ? lockoutMax : lock;
  }
}
