package dev.rotor.configuration;

import java.time.Duration;

/**
 * Brute-force defence for client secrets at the OAuth endpoints, the account lock of {@link
 * ThrottleSettings} per client id and source address: after {@code maxFailures} failed
 * authentications in a row that source is refused for {@code lockout}, doubled by each further
 * failure up to {@code lockoutMax}; failures older than {@code failureReset} are forgotten. Zero
 * failures switch it off.
 */
public record ClientThrottleSettings(
    int maxFailures, Duration lockout, Duration lockoutMax, Duration failureReset) {

  public static ClientThrottleSettings read(ConfigReader config) {
    Duration lockout = config.positiveDuration("rotor.throttle.client.lockout", "PT1M");
    Duration lockoutMax = config.positiveDuration("rotor.throttle.client.lockout-max", "PT15M");
    if (lockoutMax.compareTo(lockout) < 0) {
      config.problem(
          "rotor.throttle.client.lockout-max",
          "must not be shorter than rotor.throttle.client.lockout");
    }
    return new ClientThrottleSettings(
        config.count("rotor.throttle.client.max-failures", 5, "no client lock"),
        lockout,
        lockoutMax,
        config.positiveDuration("rotor.throttle.client.failure-reset", "PT12H"));
  }

  public boolean locksClients() {
    return maxFailures > 0;
  }

  /**
   * The same rules in the form the account counters take: one source row, no lock of unfamiliar
   * sources as a whole, no address budget.
   */
  public ThrottleSettings asAccountLock() {
    return new ThrottleSettings(maxFailures, 0, lockout, lockoutMax, failureReset, failureReset, 0);
  }
}
