package dev.rotor.oauth.control;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientAuthentication;
import dev.rotor.clients.control.ClientCredentials;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.clients.control.ClientRejected;
import dev.rotor.configuration.ClientThrottleSettings;
import dev.rotor.users.control.LoginThrottle;
import dev.rotor.users.control.ThrottleCounters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Client authentication at the OAuth endpoints behind a brute-force defence ({@code
 * rotor.throttle.client.*}): a wrong secret counts the way a wrong password does. Per client id,
 * known or not, and source address, a lock after consecutive failures that doubles with each
 * further failure; while it lasts every secret is refused with 429 {@code invalid_client} and
 * {@code Retry-After}, the right one too, without being checked. Per address, so that a stranger
 * who knows a client id cannot lock the service that owns it out. The counters are the login
 * throttle's rows (keyed by a digest), shared by every node.
 *
 * <p>Unlike a password, a secret is counted after its check: the check is a SHA-256, not an Argon2
 * hash, and counting every success first would put a row lock on every token request. A source with
 * failures on record goes through its row's lock on success as well, so once a guesser has failed,
 * its guesses are serialised with their counting. Every failure is audited as {@code
 * CLIENT_AUTH_FAILED}; each refusal and each lock as {@code CLIENT_THROTTLED}.
 */
@ApplicationScoped
public class ClientThrottle {

  @Inject ClientAuthentication authentication;

  @Inject ClientRegistry clients;

  @Inject ThrottleCounters counters;

  @Inject ClientThrottleSettings settings;

  @Inject AuditLog audit;

  @Inject Clock clock;

  /** {@link ClientAuthentication#authenticate}, counted and refused as the class says. */
  public Client authenticate(ClientCredentials credentials, Origin origin) {
    String formClientId = credentials.clientId();
    String formSecret = credentials.clientSecret();
    String claimed =
        ClientAuthentication.secretClaimant(credentials.authorization(), formClientId, formSecret);
    if (claimed == null || !settings.locksClients()) {
      try {
        return authentication.authenticate(credentials);
      } catch (ClientRejected e) {
        if (e.reason() == ClientRejected.Reason.FAILED) {
          String named = claimed != null ? claimed : formClientId;
          audit.recordApart(
              AuditLog.Entry.of(AuditEvent.Type.CLIENT_AUTH_FAILED, origin)
                  .reason(described(named) + (formSecret == null ? ": no secret" : "")));
        }
        throw e;
      }
    }
    Instant now = clock.instant();
    String source = sourceKey(claimed, origin);
    ThrottleCounters.Standing standing = counters.standing(source);
    if (standing != null && standing.isLocked(now)) {
      throw refused(claimed, origin, standing.lockedUntil(), now);
    }
    Client client;
    try {
      client = authentication.authenticate(credentials);
    } catch (ClientRejected e) {
      if (e.reason() == ClientRejected.Reason.FAILED) {
        failed(claimed, source, origin, now);
      }
      throw e;
    }
    if (standing != null && standing.failures() > 0) {
      Instant lockedUntil = LoginThrottle.retried(() -> counters.cleared(source, now));
      if (lockedUntil != null) {
        throw refused(claimed, origin, lockedUntil, now);
      }
    }
    return client;
  }

  private void failed(String claimed, String source, Origin origin, Instant now) {
    audit.recordApart(
        AuditLog.Entry.of(AuditEvent.Type.CLIENT_AUTH_FAILED, origin)
            .reason(described(claimed) + ": wrong secret or unknown client")
            .at(now));
    ThrottleCounters.Reservation counted =
        LoginThrottle.retried(
            () -> counters.reserve(source, source, true, now, settings.asAccountLock()));
    if (counted.refused()) {
      // Locked by a failure counted meanwhile: answered as a lock, so the answer tells nothing.
      throw refused(claimed, origin, counted.lockedUntil(), now);
    }
    counted.rows().stream()
        .filter(ThrottleCounters.Reserved::lockStarted)
        .findFirst()
        .ifPresent(
            row ->
                throttled(
                    claimed,
                    origin,
                    "locked for "
                        + seconds(Duration.between(now, row.lockedAfter()))
                        + " after "
                        + row.failures()
                        + " failed authentications in a row"));
  }

  private OAuthError refused(String claimed, Origin origin, Instant lockedUntil, Instant now) {
    Duration left = Duration.between(now, lockedUntil);
    throttled(claimed, origin, "locked for " + seconds(left) + " more");
    return OAuthError.clientThrottled(left);
  }

  private void throttled(String claimed, Origin origin, String why) {
    audit.recordApart(
        AuditLog.Entry.of(AuditEvent.Type.CLIENT_THROTTLED, origin)
            .reason(described(claimed) + " " + why));
  }

  /**
   * The client as the audit log names it: by its id when Rotor knows it, else by a digest, since
   * what is typed into a client id field may be a secret.
   */
  private String described(String clientId) {
    if (clientId == null || clientId.isBlank()) {
      return "no client";
    }
    return clients.find(clientId).isPresent()
        ? "client " + clientId
        : "unknown client sha256:" + LoginThrottle.digest(clientId);
  }

  /** The counter of one client id from one address (an IPv6 address by its /64). */
  static String sourceKey(String clientId, Origin origin) {
    return LoginThrottle.digest(
        "client\n"
            + clientId
            + (origin.address() == null
                ? "\nno address"
                : "\naddress:" + LoginThrottle.addressKey(origin.address())));
  }

  private static String seconds(Duration duration) {
    return Math.max(1, duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0)) + " s";
  }
}
