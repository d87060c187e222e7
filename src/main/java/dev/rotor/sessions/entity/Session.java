package dev.rotor.sessions.entity;

import dev.rotor.users.entity.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A login and everything refreshed from it: one family of refresh tokens. */
@Entity
@Table(name = "rotor_session")
@NamedEntityGraph(name = Session.WITH_USER, attributeNodes = @NamedAttributeNode("user"))
@NamedQuery(
    name = Session.REVOKE,
    query =
        "UPDATE Session s SET s.revokedAt = :now, s.revokedReason = :reason"
            + " WHERE s.id = :id AND s.revokedAt IS NULL")
@NamedQuery(
    name = Session.REVOKE_OF_USER,
    query =
        "UPDATE Session s SET s.revokedAt = :now, s.revokedReason = :reason"
            + " WHERE s.id = :id AND s.user.id = :userId AND s.revokedAt IS NULL"
            + " AND s.expiresAt > :now")
@NamedQuery(
    name = Session.REVOKE_ALL_OF_USER,
    query =
        "UPDATE Session s SET s.revokedAt = :now, s.revokedReason = :reason"
            + " WHERE s.user.id = :userId AND s.id <> :keep AND s.revokedAt IS NULL"
            + " AND s.expiresAt > :now")
@NamedQuery(
    name = Session.REVOKE_ALL_OF_CLIENT,
    query =
        "UPDATE Session s SET s.revokedAt = :now, s.revokedReason = :reason"
            + " WHERE s.clientId = :clientId AND s.revokedAt IS NULL AND s.expiresAt > :now")
@NamedQuery(
    name = Session.LIVE_OF_USER,
    query =
        "SELECT s FROM Session s WHERE s.user.id = :userId AND s.revokedAt IS NULL"
            + " AND s.expiresAt > :now AND EXISTS (SELECT t.tokenHash FROM RefreshToken t"
            + " WHERE t.session = s AND t.spentAt IS NULL AND t.expiresAt > :now)"
            + " ORDER BY s.lastUsedAt DESC, s.id")
public class Session {

  /**
   * Loads the user with the session: callers outside a transaction read {@link #isUsable} on a
   * detached session, and a lazy user cannot load there (Hibernate refuses, EclipseLink allows it).
   */
  public static final String WITH_USER = "Session.withUser";

  public static final String REVOKE = "Session.revoke";
  public static final String REVOKE_OF_USER = "Session.revokeOfUser";
  public static final String REVOKE_ALL_OF_USER = "Session.revokeAllOfUser";
  public static final String REVOKE_ALL_OF_CLIENT = "Session.revokeAllOfClient";
  public static final String LIVE_OF_USER = "Session.liveOfUser";

  @Id private String id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  private User user;

  @Column(name = "client_id")
  private String clientId;

  private String scope;

  @Column(name = "created_at")
  private long createdAt;

  @Column(name = "last_used_at")
  private long lastUsedAt;

  @Column(name = "expires_at")
  private long expiresAt;

  @Column(name = "revoked_at")
  private Long revokedAt;

  @Column(name = "revoked_reason")
  private String revokedReason;

  @Column(name = "user_agent")
  private String userAgent;

  @Column(name = "ip_address")
  private String ipAddress;

  @Column(name = "browser_session_id")
  private String browserSessionId;

  protected Session() {}

  public Session(
      User user,
      String clientId,
      String scope,
      Instant now,
      Instant expiresAt,
      String userAgent,
      String ipAddress) {
    this.id = UUID.randomUUID().toString();
    this.user = Objects.requireNonNull(user);
    this.clientId = Objects.requireNonNull(clientId);
    this.scope = Objects.requireNonNull(scope);
    this.createdAt = now.toEpochMilli();
    this.lastUsedAt = createdAt;
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("a session must outlive its creation");
    }
    this.expiresAt = expiresAt.toEpochMilli();
    this.userAgent = truncate(userAgent, 255);
    this.ipAddress = truncate(ipAddress, 64);
  }

  /** A session an authorization code opened, born from that browser session (null: none). */
  public Session(
      User user,
      String clientId,
      String scope,
      Instant now,
      Instant expiresAt,
      String userAgent,
      String ipAddress,
      String browserSessionId) {
    this(user, clientId, scope, now, expiresAt, userAgent, ipAddress);
    this.browserSessionId = browserSessionId;
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  /** Alive: neither revoked nor past its absolute lifetime. */
  public boolean isActive(Instant now) {
    return revokedAt == null && now.toEpochMilli() < expiresAt;
  }

  /** Alive, and its user still enabled: only such a session may be refreshed or introspected. */
  public boolean isUsable(Instant now) {
    return isActive(now) && user.isEnabled();
  }

  /**
   * The next refresh token of this session, known by its hash: it lives for its idle lifetime,
   * never past the session's end.
   */
  public RefreshToken issueRefreshToken(String tokenHash, Instant now, Duration idleTtl) {
    return new RefreshToken(
        this, tokenHash, now, refreshTokenExpiry(now.plus(idleTtl), expiresAt()));
  }

  /**
   * The one rule of a refresh token's end: its idle expiry, or its session's end if that comes
   * first. PostgresRotation states it in SQL as {@code LEAST(idle expiry, session end)}.
   */
  public static Instant refreshTokenExpiry(Instant idleExpiry, Instant sessionExpiresAt) {
    return idleExpiry.isBefore(sessionExpiresAt) ? idleExpiry : sessionExpiresAt;
  }

  /**
   * How precisely a session records its last use: a refresh within this time of the recorded one
   * writes nothing to the session. A client refreshing many times a minute would otherwise rewrite
   * its session row every time, a third of a rotation's row writes, for a figure the session list
   * shows to the minute. PostgresRotation states the same rule in SQL.
   */
  public static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

  public void touch(Instant now) {
    if (now.toEpochMilli() - lastUsedAt >= LAST_USE_RESOLUTION.toMillis()) {
      this.lastUsedAt = now.toEpochMilli();
    }
  }

  public String id() {
    return id;
  }

  public User user() {
    return user;
  }

  public String clientId() {
    return clientId;
  }

  public String scope() {
    return scope;
  }

  public Instant createdAt() {
    return Instant.ofEpochMilli(createdAt);
  }

  public Instant lastUsedAt() {
    return Instant.ofEpochMilli(lastUsedAt);
  }

  public Instant expiresAt() {
    return Instant.ofEpochMilli(expiresAt);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  public String userAgent() {
    return userAgent;
  }

  public String ipAddress() {
    return ipAddress;
  }

  /** The browser session whose code opened this session; null for a password login. */
  public String browserSessionId() {
    return browserSessionId;
  }
}
