package dev.rotor.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row that cluster members lock to do once-per-cluster work one at a time. */
@Entity
@Table(name = "rotor_lock")
public class NamedLock {

  public static final String SIGNING_KEYS = "signing-keys";

  @Id private String name;

  private String holder;

  @Column(name = "expires_at")
  private long expiresAt;

  protected NamedLock() {}

  public String name() {
    return name;
  }
}
