package dev.rotor.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A client assertion that was accepted, remembered by its client and a digest of its {@code jti}
 * until it would be refused anyway: the primary key makes a second use a duplicate insert.
 */
@Entity
@Table(name = "client_assertion")
@IdClass(UsedAssertion.Key.class)
public class UsedAssertion {

  /** The primary key: client and digest of the {@code jti}. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private String clientId;
    private String jtiHash;

    public Key() {}

    public Key(String clientId, String jtiHash) {
      this.clientId = clientId;
      this.jtiHash = jtiHash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && clientId.equals(key.clientId)
          && jtiHash.equals(key.jtiHash);
    }

    @Override
    public int hashCode() {
      return Objects.hash(clientId, jtiHash);
    }
  }

  @Id
  @Column(name = "client_id")
  private String clientId;

  @Id
  @Column(name = "jti_hash")
  private String jtiHash;

  @Column(name = "expires_at")
  private long expiresAt;

  protected UsedAssertion() {}

  public UsedAssertion(String clientId, String jtiHash, Instant expiresAt) {
    this.clientId = Objects.requireNonNull(clientId);
    this.jtiHash = Objects.requireNonNull(jtiHash);
    this.expiresAt = expiresAt.toEpochMilli();
  }
}
