package dev.rotor.oauth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An authorization code (RFC 6749 §4.1), known only by its SHA-256, bound to its client, redirect
 * URI, PKCE challenge, nonce, scope, browser session and the user's credential version. {@link
 * #USE} spends it exactly once: of two concurrent exchanges only one wins; the losers mark it
 * {@link #REPLAYED}.
 */
@Entity
@Table(name = "authorization_code")
@NamedQuery(
    name = AuthorizationCode.USE,
    query =
        "UPDATE AuthorizationCode c SET c.usedAt = :now WHERE c.codeHash = :hash"
            + " AND c.usedAt IS NULL")
// Takes the row lock, as STARTED does: of a replay and the first exchange's STARTED, the one that
// writes second sees the other's column, so one of them always revokes the session.
@NamedQuery(
    name = AuthorizationCode.REPLAYED,
    query = "UPDATE AuthorizationCode c SET c.replayedAt = :now WHERE c.codeHash = :hash")
@NamedQuery(
    name = AuthorizationCode.STARTED,
    query = "UPDATE AuthorizationCode c SET c.sessionId = :sessionId WHERE c.codeHash = :hash")
@NamedQuery(
    name = AuthorizationCode.DELETE_OF_CLIENT,
    query = "DELETE FROM AuthorizationCode c WHERE c.clientId = :clientId")
public class AuthorizationCode {

  public static final String USE = "AuthorizationCode.use";
  public static final String DELETE_OF_CLIENT = "AuthorizationCode.deleteOfClient";
  public static final String REPLAYED = "AuthorizationCode.replayed";
  public static final String STARTED = "AuthorizationCode.started";

  @Id
  @Column(name = "code_hash")
  private String codeHash;

  @Column(name = "client_id")
  private String clientId;

  @Column(name = "redirect_uri")
  private String redirectUri;

  @Column(name = "code_challenge")
  private String codeChallenge;

  private String nonce;

  private String scope;

  @Column(name = "browser_session_id")
  private String browserSessionId;

  @Column(name = "user_id")
  private String userId;

  @Column(name = "credential_version")
  private String credentialVersion;

  @Column(name = "auth_time")
  private long authTime;

  @Column(name = "created_at")
  private long createdAt;

  @Column(name = "expires_at")
  private long expiresAt;

  @Column(name = "used_at")
  private Long usedAt;

  @Column(name = "session_id")
  private String sessionId;

  @Column(name = "replayed_at")
  private Long replayedAt;

  protected AuthorizationCode() {}

  public AuthorizationCode(
      String codeHash,
      String clientId,
      String redirectUri,
      String codeChallenge,
      String nonce,
      String scope,
      String browserSessionId,
      String userId,
      String credentialVersion,
      Instant authTime,
      Instant now,
      Instant expiresAt) {
    this.codeHash = codeHash;
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.codeChallenge = codeChallenge;
    this.nonce = nonce;
    this.scope = scope;
    this.browserSessionId = browserSessionId;
    this.userId = userId;
    this.credentialVersion = Objects.requireNonNull(credentialVersion);
    this.authTime = authTime.toEpochMilli();
    this.createdAt = now.toEpochMilli();
    this.expiresAt = expiresAt.toEpochMilli();
  }

  public boolean isExpired(Instant now) {
    return now.toEpochMilli() >= expiresAt;
  }

  public boolean isUsed() {
    return usedAt != null;
  }

  public String clientId() {
    return clientId;
  }

  public String redirectUri() {
    return redirectUri;
  }

  public String codeChallenge() {
    return codeChallenge;
  }

  public String nonce() {
    return nonce;
  }

  public String scope() {
    return scope;
  }

  public String browserSessionId() {
    return browserSessionId;
  }

  public String userId() {
    return userId;
  }

  /**
   * The user's credential version when the code was issued; null only for codes stored before it
   * was recorded.
   */
  public String credentialVersion() {
    return credentialVersion;
  }

  /** Whether the code came back after its first exchange. */
  public boolean wasReplayed() {
    return replayedAt != null;
  }

  public Instant authTime() {
    return Instant.ofEpochMilli(authTime);
  }

  /** The token session the first exchange started, if it got that far. */
  public String sessionId() {
    return sessionId;
  }
}
