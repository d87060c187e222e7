package dev.rotor.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A credential an admin issued for dynamic client registration (RFC 7591 §3): good for {@code
 * maxUses} registrations until it expires or is revoked. Only the hash of the token is kept.
 */
@Entity
@Table(name = "initial_access_token")
@NamedQuery(
    name = InitialAccessToken.ALL,
    query = "SELECT t FROM InitialAccessToken t ORDER BY t.createdAt, t.id")
@NamedQuery(name = InitialAccessToken.COUNT, query = "SELECT COUNT(t) FROM InitialAccessToken t")
@NamedQuery(
    name = InitialAccessToken.BY_HASH,
    query = "SELECT t FROM InitialAccessToken t WHERE t.tokenHash = :hash")
public class InitialAccessToken {

  public static final String ALL = "InitialAccessToken.all";
  public static final String COUNT = "InitialAccessToken.count";
  public static final String BY_HASH = "InitialAccessToken.byHash";

  /** Where a token stands, as its admin sees it. */
  public enum State {
    ACTIVE,
    EXPIRED,
    USED_UP,
    REVOKED;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Id private String id;

  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private long createdAt;

  @Column(name = "expires_at")
  private long expiresAt;

  @Column(name = "max_uses")
  private int maxUses;

  private int uses;

  @Column(name = "revoked_at")
  private Long revokedAt;

  @Column(name = "created_by")
  private String createdBy;

  protected InitialAccessToken() {}

  public InitialAccessToken(
      String id, String tokenHash, Instant now, Instant expiresAt, int maxUses, String createdBy) {
    if (!expiresAt.isAfter(now) || maxUses < 1) {
      throw new IllegalArgumentException("an initial access token needs a future expiry and a use");
    }
    this.id = Objects.requireNonNull(id);
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.createdAt = now.toEpochMilli();
    this.expiresAt = expiresAt.toEpochMilli();
    this.maxUses = maxUses;
    this.createdBy = createdBy;
  }

  /** Whether a registration may use it now. */
  public boolean isUsable(Instant now) {
    return state(now) == State.ACTIVE;
  }

  /** Revoked first: an admin's decision outranks what time or use would have said. */
  public State state(Instant now) {
    if (revokedAt != null) {
      return State.REVOKED;
    }
    if (uses >= maxUses) {
      return State.USED_UP;
    }
    if (!now.isBefore(expiresAt())) {
      return State.EXPIRED;
    }
    return State.ACTIVE;
  }

  /**
   * One registration's use, if it is still usable; the caller holds the row's lock, so of two
   * registrations racing for the last use one wins.
   */
  public boolean spend(Instant now) {
    if (!isUsable(now)) {
      return false;
    }
    uses++;
    return true;
  }

  /** Ends it; a second revocation keeps the first time. Returns whether this one ended it. */
  public boolean revoke(Instant now) {
    if (revokedAt != null) {
      return false;
    }
    revokedAt = now.toEpochMilli();
    return true;
  }

  public String id() {
    return id;
  }

  public Instant createdAt() {
    return Instant.ofEpochMilli(createdAt);
  }

  public Instant expiresAt() {
    return Instant.ofEpochMilli(expiresAt);
  }

  public int maxUses() {
    return maxUses;
  }

  public int uses() {
    return uses;
  }

  public Instant revokedAt() {
    return revokedAt == null ? null : Instant.ofEpochMilli(revokedAt);
  }

  public String createdBy() {
    return createdBy;
  }
}
