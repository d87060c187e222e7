package dev.rotor.sessions.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.NamedSubgraph;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One refresh token of a session, known only by the SHA-256 of its value, which is also its key:
 * the lookup and the uniqueness are one index. It is spent exactly once: {@link #SPEND} is a
 * conditional update, so of two concurrent refreshes only one wins.
 */
@Entity
@Table(name = "refresh_token")
@NamedQuery(
    name = RefreshToken.BY_HASH,
    query = "SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash")
// Loads the token with its session and user in one go. A graph, not JOIN FETCH with an alias:
// Hibernate's strict JPQL (WildFly) refuses aliases on fetch joins.
@NamedEntityGraph(
    name = RefreshToken.WITH_SESSION_AND_USER,
    attributeNodes = @NamedAttributeNode(value = "session", subgraph = "session"),
    subgraphs = @NamedSubgraph(name = "session", attributeNodes = @NamedAttributeNode("user")))
@NamedQuery(
    name = RefreshToken.SPEND,
    query =
        "UPDATE RefreshToken t SET t.spentAt = :now WHERE t.tokenHash = :hash AND t.spentAt IS NULL")
@NamedQuery(
    name = RefreshToken.SUCCESSOR,
    query = "SELECT t FROM RefreshToken t WHERE t.session = :session AND t.createdAt = :createdAt")
public class RefreshToken {

  public static final String BY_HASH = "RefreshToken.byHash";
  public static final String WITH_SESSION_AND_USER = "RefreshToken.withSessionAndUser";
  public static final String SUCCESSOR = "RefreshToken.successor";
  public static final String SPEND = "RefreshToken.spend";

  /**
   * The columns a new row fills, for the PostgreSQL statements that insert one without JPA; JPA
   * inserts through {@link Session#issueRefreshToken}.
   */
  public static final String INSERT_INTO =
      "refresh_token (session_id, token_hash, created_at, expires_at)";

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "session_id")
  private Session session;

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "created_at")
  private long createdAt;

  @Column(name = "expires_at")
  private long expiresAt;

  @Column(name = "spent_at")
  private Long spentAt;

  protected RefreshToken() {}

  RefreshToken(Session session, String tokenHash, Instant now, Instant expiresAt) {
    this.session = Objects.requireNonNull(session);
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.createdAt = now.toEpochMilli();
    this.expiresAt = expiresAt.toEpochMilli();
  }

  public boolean isSpent() {
    return spentAt != null;
  }

  /** When it was spent; only meaningful when {@link #isSpent()}. */
  public Instant spentAt() {
    return Instant.ofEpochMilli(spentAt);
  }

  public boolean isExpired(Instant now) {
    return now.toEpochMilli() >= expiresAt;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public Session session() {
    return session;
  }

  public Instant expiresAt() {
    return Instant.ofEpochMilli(expiresAt);
  }
}
