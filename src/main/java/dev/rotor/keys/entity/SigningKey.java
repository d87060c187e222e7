package dev.rotor.keys.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A signing key pair, stored as JWKs so every node of a cluster signs with the same key. */
@Entity
@Table(name = "signing_key")
@NamedQuery(
    name = SigningKey.NEWEST_FIRST,
    query = "SELECT k FROM SigningKey k ORDER BY k.activatesAt DESC")
public class SigningKey {

  public static final String NEWEST_FIRST = "SigningKey.newestFirst";

  @Id private String kid;

  private String algorithm;

  @Column(name = "public_jwk")
  private String publicJwk;

  @Column(name = "private_jwk")
  private String privateJwk;

  @Column(name = "created_at")
  private long createdAt;

  @Column(name = "activates_at")
  private long activatesAt;

  protected SigningKey() {}

  public SigningKey(
      String kid,
      String algorithm,
      String publicJwk,
      String privateJwk,
      Instant createdAt,
      Instant activatesAt) {
    this.kid = Objects.requireNonNull(kid);
    this.algorithm = Objects.requireNonNull(algorithm);
    this.publicJwk = Objects.requireNonNull(publicJwk);
    this.privateJwk = Objects.requireNonNull(privateJwk);
    this.createdAt = createdAt.toEpochMilli();
    this.activatesAt = activatesAt.toEpochMilli();
  }

  /** Replaces the stored private key by its encrypted form. */
  public void protect(String sealedPrivateJwk) {
    this.privateJwk = Objects.requireNonNull(sealedPrivateJwk);
  }

  public Instant activatesAt() {
    return Instant.ofEpochMilli(activatesAt);
  }

  public String kid() {
    return kid;
  }

  public String algorithm() {
    return algorithm;
  }

  public String publicJwk() {
    return publicJwk;
  }

  public String privateJwk() {
    return privateJwk;
  }
}
