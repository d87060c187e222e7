package dev.rotor.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An address an account signed in from, kept by the digest of the pair only: failures from
 * elsewhere do not lock it out of the account while the trust lasts.
 */
@Entity
@Table(name = "trusted_source")
public class TrustedSource {

  @Id
  @Column(name = "source_hash")
  private String sourceHash;

  @Column(name = "expires_at")
  private long expiresAt;

  protected TrustedSource() {}

  public TrustedSource(String sourceHash, Instant until) {
    this.sourceHash = sourceHash;
    this.expiresAt = until.toEpochMilli();
  }

  public boolean isTrusted(Instant now) {
    return expiresAt > now.toEpochMilli();
  }

  public void extend(Instant until) {
    expiresAt = Math.max(expiresAt, until.toEpochMilli());
  }
}
