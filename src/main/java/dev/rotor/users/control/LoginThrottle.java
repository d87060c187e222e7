package dev.rotor.users.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.ThrottleSettings;
import dev.rotor.persistence.ConnectionLoss;
import dev.rotor.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Brute-force defence in front of every password check ({@code rotor.throttle.*}). Per client
 * address, a budget of checks a minute. Per attempted username, known or not, and source (the
 * address, or a browser that signed in to the account before), a lock after consecutive failures
 * that doubles with each further failure; and per username, a looser lock of every source it has
 * not signed in from, so that guesses stay bounded overall while a stranger cannot lock the owner
 * out. Each check is counted before its hash runs, so concurrent checks cannot outrun a lock. The
 * counters live in the database, so every node sees the same ones. A refusal checks no password, so
 * it tells nothing about it; each refusal and each lock is audited as {@code LOGIN_THROTTLED}.
 */
@ApplicationScoped
public class LoginThrottle {

  private static final String UNFAMILIAR = " for sources it has not signed in from";

  @Inject ThrottleSettings settings;

  @Inject ThrottleCounters counters;

  @Inject AuditLog audit;

  @Inject Clock clock;

  /** One password check about to run: report how it went. */
  public interface Attempt {
    void failed();

    void succeeded();
  }

  private static final Attempt UNCOUNTED =
      new Attempt() {
        @Override
        public void failed() {}

        @Override
        public void succeeded() {}
      };

  /** {@link #begin(String, Origin, String)} from no known browser. */
  public Attempt begin(String username, Origin origin) {
    return begin(username, origin, null);
  }

  /**
   * Admits a password check for the username from the origin, or refuses it with {@link
   * LoginThrottled}: the address is over its budget, or the account is locked for this source.
   * {@code device} names a browser that the caller verified has signed in to this account before
   * (its device cookie), or is null: its failures are its own, and others' do not lock it out.
   */
  public Attempt begin(String username, Origin origin, String device) {
    admit(origin, username);
    if (!settings.locksAccounts()) {
      return UNCOUNTED;
    }
    String key = User.keyOf(username);
    String address =
        origin.address() == null ? null : digest(key + "\naddress:" + addressKey(origin.address()));
    String source =
        device != null
            ? digest(key + "\ndevice:" + device)
            : address != null ? address : digest(key + "\nno address");
    Instant now = clock.instant();
    ThrottleCounters.Reservation reservation =
        retried(() -> counters.reserve(digest(key), source, device != null, now, settings));
    if (reservation.refused()) {
      Duration left = Duration.between(now, reservation.lockedUntil());
      throttled(
          username,
          origin,
          "account locked for "
              + seconds(left)
              + " more"
              + (reservation.unfamiliar() ? UNFAMILIAR : ""));
      throw LoginThrottled.accountLocked(left);
    }
    return new Attempt() {
      @Override
      public void failed() {
        reservation.rows().stream()
            .filter(ThrottleCounters.Reserved::lockStarted)
            .findFirst()
            .ifPresent(row -> auditLock(row, username, origin, now));
      }

      @Override
      public void succeeded() {
        retried(
            () -> {
              counters.succeeded(reservation, address, now.plus(settings.trustedFor()));
              return null;
            });
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
        retried(
            () -> counters.take(addressKey(origin.address()), settings.addressPerMinute(), now));
    if (!wait.isZero()) {
      throttled(
          username,
          origin,
          "address over " + settings.addressPerMinute() + " password checks a minute");
      throw LoginThrottled.addressOverBudget(wait);
    }
  }

  /**
   * The username as the audit log keeps it for an attempt: as typed only when it names an account;
   * otherwise as {@link #digestName}, since people type passwords into the username field.
   */
  public String auditedName(String username) {
    return username == null
        ? null
        : counters.existingName(username).orElseGet(() -> digestName(username));
  }

  /** A username that names no account, as the audit log keeps it: its key's SHA-256. */
  public static String digestName(String username) {
    return "sha256:" + digest(User.keyOf(username));
  }

  /**
   * The address a budget and a lock count for: an IPv4 address as it is, an IPv6 address by its /64
   * (one subscriber's network, which hands its hosts any of 2^64 addresses), an IPv4-mapped one as
   * IPv4.
   */
  public static String addressKey(String address) {
    String literal =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    if (!literal.contains(":") || !literal.matches("[0-9A-Fa-f:.]+")) {
      return literal;
    }
    try {
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      if (bytes.length == 4) {
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      byte[] network = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
      return InetAddress.getByAddress(network).getHostAddress().replaceAll("(:0)+$", "::") + "/64";
    } catch (UnknownHostException e) {
      return literal;
    }
  }

  private void auditLock(
      ThrottleCounters.Reserved row, String username, Origin origin, Instant now) {
    throttled(
        username,
        origin,
        "account locked for "
            + seconds(Duration.between(now, row.lockedAfter()))
            + (row.unfamiliar() ? UNFAMILIAR : "")
            + " after "
            + row.failures()
            + " failed password checks in a row");
  }

  private void throttled(String username, Origin origin, String reason) {
    audit.record(
        AuditLog.Entry.of(AuditEvent.Type.LOGIN_THROTTLED, origin)
            .user(null, auditedName(username))
            .reason(reason));
  }

  /**
   * A counter's transaction can fail for a reason the next try does not meet: a row deleted by the
   * purge between the look and the lock. A lost database connection is not tried again: the request
   * answers 503 at once rather than queueing more work for a database that is away.
   */
  public static <T> T retried(Supplier<T> change) {
    for (int tries = 1; ; tries++) {
      try {
        return change.get();
      } catch (PersistenceException | TransactionalException e) {
        if (tries == 3 || ConnectionLoss.isConnectionLoss(e)) {
          throw e;
        }
      }
    }
  }

  /** A key as a digest (base64url SHA-256): people type passwords into the username field. */
  public static String digest(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static String seconds(Duration duration) {
    return Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0)) + " s";
  }
}
