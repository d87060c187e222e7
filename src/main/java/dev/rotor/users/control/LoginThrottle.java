package dev.rotor.users.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.ThrottleSettings;
import dev.rotor.users.entity.AccountThrottle;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Brute-force defence in front of every password check ({@code rotor.throttle.*}): per client
 * address, a budget of checks a minute; per attempted username, known or not, a lock after
 * consecutive failures that doubles with each further failure. The counters live in the database,
 * so every node sees the same ones. A refusal checks no password, so it tells nothing about it;
 * each refusal and each lock is audited as {@code LOGIN_THROTTLED}.
 */
@ApplicationScoped
public class LoginThrottle {

  @Inject ThrottleSettings settings;

  @Inject ThrottleCounters counters;

  @Inject AuditLog audit;

  @Inject Clock clock;

  /** One password check about to run: report how it went. */
  public interface Attempt {
    void failed();

    void succeeded();
  }

  /**
   * Admits a password check for the username from the origin, or refuses it with {@link
   * LoginThrottled}: the address is over its budget, or the account is locked.
   */
  public Attempt begin(String username, Origin origin) {
    admit(origin, username);
    String account = accountHash(username);
    Optional<AccountThrottle> kept =
        settings.locksAccounts() ? counters.account(account) : Optional.empty();
    Instant now = clock.instant();
    if (kept.isPresent() && kept.get().isLocked(now)) {
      Duration left = Duration.between(now, kept.get().lockedUntil());
      audit.record(
          AuditEvent.Type.LOGIN_THROTTLED,
          null,
          username,
          null,
          origin,
          "account locked for " + seconds(left) + " more");
      throw LoginThrottled.accountLocked(left);
    }
    boolean failuresKept = kept.isPresent();
    return new Attempt() {
      @Override
      public void failed() {
        if (settings.locksAccounts()) {
          recordFailure(account, username, origin);
        }
      }

      @Override
      public void succeeded() {
        if (failuresKept) {
          counters.reset(account);
        }
      }
    };
  }

  /**
   * Counts a password check against the origin's address (registration, say, where no account is
   * tried yet); refuses with {@link LoginThrottled} when the address is over its budget.
   */
  public void admit(Origin origin, String username) {
    if (!settings.limitsAddresses() || origin.address() == null) {
      return;
    }
    Instant now = clock.instant();
    Duration wait =
        retriedOnce(() -> counters.take(origin.address(), settings.addressPerMinute(), now));
    if (!wait.isZero()) {
      audit.record(
          AuditEvent.Type.LOGIN_THROTTLED,
          null,
          username,
          null,
          origin,
          "address over " + settings.addressPerMinute() + " password checks a minute");
      throw LoginThrottled.addressOverBudget(wait);
    }
  }

  private void recordFailure(String account, String username, Origin origin) {
    Instant now = clock.instant();
    AccountThrottle row =
        retriedOnce(() -> counters.fail(account, now, settings.failureReset(), settings::lockFor));
    if (row.lockStarted()) {
      audit.record(
          AuditEvent.Type.LOGIN_THROTTLED,
          null,
          username,
          null,
          origin,
          "account locked for "
              + seconds(Duration.between(now, row.lockedUntil()))
              + " after "
              + row.failures()
              + " failed password checks in a row");
    }
  }

  /**
   * Two nodes may create the same row at once; the loser's insert fails, and its second try finds
   * the row and locks it.
   */
  private static <T> T retriedOnce(Supplier<T> change) {
    try {
      return change.get();
    } catch (PersistenceException | TransactionalException e) {
      return change.get();
    }
  }

  /** The key of the username, as a digest: people type passwords into the username field. */
  static String accountHash(String username) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(User.keyOf(username).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static String seconds(Duration duration) {
    return Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0)) + " s";
  }
}
