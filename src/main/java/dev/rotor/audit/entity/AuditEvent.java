package dev.rotor.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One authentication event. Immutable once written. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  /** What happened. */
  public enum Type {
    REGISTERED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    REFRESHED,
    REFRESH_REPLAYED,
    LOGOUT,
    SESSION_REVOKED,
    PASSWORD_CHANGED,
    ADMIN_ACTION,
    /** A client signed a user in through a live browser session, without a password. */
    SSO_LOGIN,
    SSO_LOGOUT,
    CONSENT_GIVEN,
    /** An authorization code came back a second time; the session it started is revoked. */
    CODE_REPLAYED,
    /** A password check refused by the brute-force defence, or an account locked by it. */
    LOGIN_THROTTLED,
    /** A client registered, changed or deleted through the admin API; the reason names it. */
    CLIENT_CREATED,
    CLIENT_UPDATED,
    CLIENT_DELETED,
    /** An admin issued or revoked an initial access token for dynamic client registration. */
    INITIAL_ACCESS_TOKEN_ISSUED,
    INITIAL_ACCESS_TOKEN_REVOKED,
    /** A client took a logout token (Back-Channel Logout); the reason names it and the status. */
    BACKCHANNEL_LOGOUT_SENT,
    /** An attempt to send a client a logout token failed; the reason says whether it is retried. */
    BACKCHANNEL_LOGOUT_FAILED,
    /**
     * A client got an access token for itself (RFC 6749 §4.4); the reason names it and the scope.
     */
    CLIENT_CREDENTIALS_GRANTED,
    /** A client named at an OAuth endpoint sent a wrong secret, or named no client Rotor knows. */
    CLIENT_AUTH_FAILED,
    /** A client authentication refused by the brute-force defence, or a client locked by it. */
    CLIENT_THROTTLED,
    /** A client's secret replaced; the reason says until when the previous one is valid. */
    CLIENT_SECRET_ROTATED,
    /** A change that disabled a client (its sessions end) or enabled it again. */
    CLIENT_DISABLED,
    CLIENT_ENABLED
  }

  @Id private String id;

  @Column(name = "occurred_at")
  private long occurredAt;

  @Enumerated(EnumType.STRING)
  private Type type;

  @Column(name = "user_id")
  private String userId;

  private String username;

  @Column(name = "session_id")
  private String sessionId;

  @Column(name = "client_address")
  private String clientAddress;

  @Column(name = "user_agent")
  private String userAgent;

  private String reason;

  protected AuditEvent() {}

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A new event's id: a UUID of version 7 (RFC 9562 §5.7), the event's time in milliseconds first,
   * then 74 random bits. Ids of events written in the same period sort together, so each insert
   * lands on the right-hand edge of the primary key's index, as it does in the time indexes,
   * instead of on a random page of it: fewer pages touched and logged per refresh.
   */
  public static String newId(Instant occurredAt) {
    long millis = occurredAt.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
    long high = millis << 16 | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
    long low = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }

  public AuditEvent(
      Instant occurredAt,
      Type type,
      String userId,
      String username,
      String sessionId,
      String clientAddress,
      String userAgent,
      String reason) {
    this.id = newId(occurredAt);
    this.occurredAt = occurredAt.toEpochMilli();
    this.type = Objects.requireNonNull(type);
    this.userId = userId;
    this.username = truncate(username, 64);
    this.sessionId = sessionId;
    this.clientAddress = truncate(clientAddress, 64);
    this.userAgent = truncate(userAgent, 255);
    this.reason = truncate(reason, 255);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  public String id() {
    return id;
  }

  public Instant occurredAt() {
    return Instant.ofEpochMilli(occurredAt);
  }

  public Type type() {
    return type;
  }

  public String userId() {
    return userId;
  }

  public String username() {
    return username;
  }

  public String sessionId() {
    return sessionId;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public String userAgent() {
    return userAgent;
  }

  public String reason() {
    return reason;
  }
}
