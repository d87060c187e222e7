package dev.rotor.sso.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A signed-in browser, known only by the SHA-256 of its cookie. It lives until {@code expiresAt}
 * (the absolute lifetime from the password), while used at least once per idle lifetime, and until
 * ended (logout, password change, account disabled).
 */
@Entity
@Table(name = "browser_session")
@NamedQuery(
    name = BrowserSession.BY_HASH,
    query = "SELECT b FROM BrowserSession b WHERE b.tokenHash = :hash")
@NamedQuery(
    name = BrowserSession.END_ALL_OF_USER,
    query =
        "UPDATE BrowserSession b SET b.endedAt = :now WHERE b.userId = :userId"
            + " AND b.endedAt IS NULL")
@NamedQuery(
    name = BrowserSession.END,
    query = "UPDATE BrowserSession b SET b.endedAt = :now WHERE b.id = :id AND b.endedAt IS NULL")
@NamedQuery(
    name = BrowserSession.LIVE_IDS_OF_USER,
    query =
        "SELECT b.id FROM BrowserSession b WHERE b.userId = :userId AND b.endedAt IS NULL"
            + " AND b.expiresAt > :now")
@NamedQuery(
    name = BrowserSession.RUN_OUT_WITH_CLIENTS,
    query =
        "SELECT b.id FROM BrowserSession b WHERE b.endedAt IS NULL"
            + " AND (b.expiresAt <= :now OR b.lastSeenAt <= :idleSince)"
            + " AND EXISTS (SELECT c.id FROM BrowserSessionClient c"
            + " WHERE c.browserSessionId = b.id)"
            + " ORDER BY b.lastSeenAt")
public class BrowserSession {

  public static final String BY_HASH = "BrowserSession.byHash";
  public static final String END_ALL_OF_USER = "BrowserSession.endAllOfUser";
  public static final String END = "BrowserSession.end";
  public static final String LIVE_IDS_OF_USER = "BrowserSession.liveIdsOfUser";
  public static final String RUN_OUT_WITH_CLIENTS = "BrowserSession.runOutWithClients";

  @Id private String id;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "user_id")
  private String userId;

  @Column(name = "auth_time")
  private long authTime;

  @Column(name = "created_at")
  private long createdAt;

  @Column(name = "last_seen_at")
  private long lastSeenAt;

  @Column(name = "expires_at")
  private long expiresAt;

  @Column(name = "ended_at")
  private Long endedAt;

  protected BrowserSession() {}

  public BrowserSession(String tokenHash, String userId, Instant now, Instant expiresAt) {
    this.id = UUID.randomUUID().toString();
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.userId = Objects.requireNonNull(userId);
    this.authTime = now.toEpochMilli();
    this.createdAt = now.toEpochMilli();
    this.lastSeenAt = now.toEpochMilli();
    this.expiresAt = expiresAt.toEpochMilli();
  }

  /** Not ended, within its absolute lifetime, and used within the idle lifetime. */
  public boolean isAlive(Instant now, Duration idleTtl) {
    long at = now.toEpochMilli();
    return endedAt == null && at < expiresAt && at < lastSeenAt + idleTtl.toMillis();
  }

  public void seen(Instant now) {
    lastSeenAt = Math.max(lastSeenAt, now.toEpochMilli());
  }

  public String id() {
    return id;
  }

  public String userId() {
    return userId;
  }

  /** When the user last gave their password in this browser (OpenID Connect's auth_time). */
  public Instant authTime() {
    return Instant.ofEpochMilli(authTime);
  }
}
