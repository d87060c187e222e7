package dev.rotor.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A symmetric key of the cluster's own, stored as a JWK (sealed like the signing keys). */
@Entity
@Table(name = "server_secret")
public class ServerSecret {

  @Id private String name;

  private String jwk;

  @Column(name = "created_at")
  private long createdAt;

  protected ServerSecret() {}

  public ServerSecret(String name, String jwk, Instant createdAt) {
    this.name = Objects.requireNonNull(name);
    this.jwk = Objects.requireNonNull(jwk);
    this.createdAt = createdAt.toEpochMilli();
  }

  public String jwk() {
    return jwk;
  }

  /** Replaces the stored key by its encrypted form. */
  public void protect(String sealedJwk) {
    this.jwk = Objects.requireNonNull(sealedJwk);
  }
}
