package dev.rotor.users.control;

import dev.rotor.problems.ProblemException;
import java.time.Duration;

/**
 * 429: too many password checks, for this account or from this address. The password was not
 * checked, so the answer says nothing about it; {@code Retry-After} says when to come back.
 */
public class LoginThrottled extends ProblemException {

  private LoginThrottled(String detail, Duration retryAfter) {
    super(429, "Too Many Requests", detail, retryAfter);
  }

  /** The account is locked; the same words whether or not it exists. */
  static LoginThrottled accountLocked(Duration retryAfter) {
    return new LoginThrottled(
        "Too many failed sign-in attempts for this account; try again after Retry-After seconds.",
        retryAfter);
  }

  /** The client's address spent its budget of password checks. */
  static LoginThrottled addressOverBudget(Duration retryAfter) {
    return new LoginThrottled(
        "Too many sign-in attempts from this address; try again after Retry-After seconds.",
        retryAfter);
  }
}
