package dev.rotor.oauth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A logout token owed to a client (OpenID Connect Back-Channel Logout 1.0): about {@code subject}
 * and the browser session {@code sid}. It holds no token: each attempt signs a fresh one. Due at
 * {@code nextAttemptAt}; {@link #CLAIM} leases it to one node, so two nodes never send the same
 * attempt and a node that dies mid-attempt leaves it to another once the lease runs out.
 */
@Entity
@Table(name = "logout_delivery")
@NamedQuery(
    name = LogoutDelivery.DUE,
    query =
        "SELECT d.id FROM LogoutDelivery d WHERE d.nextAttemptAt <= :now AND d.leaseUntil <= :now"
            + " ORDER BY d.nextAttemptAt, d.id")
@NamedQuery(
    name = LogoutDelivery.CLAIM,
    query =
        "UPDATE LogoutDelivery d SET d.leaseUntil = :until WHERE d.id = :id"
            + " AND d.nextAttemptAt <= :now AND d.leaseUntil <= :now")
public class LogoutDelivery {

  public static final String DUE = "LogoutDelivery.due";
  public static final String CLAIM = "LogoutDelivery.claim";

  @Id private String id;

  @Column(name = "client_id")
  private String clientId;

  private String subject;

  private String sid;

  private int attempts;

  @Column(name = "next_attempt_at")
  private long nextAttemptAt;

  @Column(name = "lease_until")
  private long leaseUntil;

  @Column(name = "created_at")
  private long createdAt;

  protected LogoutDelivery() {}

  /** Owed now. */
  public LogoutDelivery(String clientId, String subject, String sid, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.clientId = Objects.requireNonNull(clientId);
    this.subject = Objects.requireNonNull(subject);
    this.sid = Objects.requireNonNull(sid);
    this.createdAt = now.toEpochMilli();
    this.nextAttemptAt = createdAt;
  }

  /** An attempt failed: the next is due at {@code next}, and the lease is given back. */
  public void failed(Instant next) {
    attempts++;
    nextAttemptAt = next.toEpochMilli();
    leaseUntil = 0;
  }

  public String id() {
    return id;
  }

  public String clientId() {
    return clientId;
  }

  public String subject() {
    return subject;
  }

  public String sid() {
    return sid;
  }

  /** Attempts made and failed so far. */
  public int attempts() {
    return attempts;
  }
}
