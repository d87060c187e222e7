package dev.rotor.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A row that cluster members lock to do once-per-cluster work one at a time. */
@Entity
@Table(name = "rotor_lock")
@NamedQuery(
    name = NamedLock.ACQUIRE,
    query =
        "UPDATE NamedLock l SET l.holder = :holder, l.expiresAt = :until"
            + " WHERE l.name = :name AND (l.expiresAt < :now OR l.holder = :holder)")
@NamedQuery(
    name = NamedLock.RELEASE,
    query = "UPDATE NamedLock l SET l.expiresAt = 0 WHERE l.name = :name AND l.holder = :holder")
public class NamedLock {

  public static final String SIGNING_KEYS = "signing-keys";
  public static final String PURGE = "purge";

  /** Held while creating throttle rows, so that two nodes never insert the same key. */
  public static final String THROTTLE_ROWS = "throttle-rows";

  public static final String ACQUIRE = "NamedLock.acquire";
  public static final String RELEASE = "NamedLock.release";

  @Id private String name;

  private String holder;

  @Column(name = "expires_at")
  private long expiresAt;

  protected NamedLock() {}

  public String name() {
    return name;
  }
}
