package dev.rotor.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * Password checks from one client address: a token bucket of a minute's allowance that refills
 * continuously, so no address gets more than its allowance in any minute once the bucket is empty.
 */
@Entity
@Table(name = "address_throttle")
public class AddressThrottle {

  private static final long MINUTE_MS = 60_000;

  @Id private String address;

  private double tokens;

  @Column(name = "updated_at")
  private long updatedAt;

  @Column(name = "expires_at")
  private long expiresAt;

  protected AddressThrottle() {}

  /** A full bucket. */
  public AddressThrottle(String address, int perMinute, Instant now) {
    this.address = address;
    this.tokens = perMinute;
    this.updatedAt = now.toEpochMilli();
  }

  /**
   * Takes one check out of the bucket; answers zero when taken, else how long until one is there
   * again (nothing is taken then).
   */
  public Duration take(int perMinute, Instant now) {
    long at = now.toEpochMilli();
    // A clock stepped back refills nothing, and refilling goes on from the new time.
    double refilled = Math.max(0, at - updatedAt) * perMinute / (double) MINUTE_MS;
    tokens = Math.min(perMinute, tokens + refilled);
    updatedAt = at;
    Duration wait = Duration.ZERO;
    if (tokens >= 1) {
      tokens -= 1;
    } else {
      wait = Duration.ofMillis((long) Math.ceil((1 - tokens) * MINUTE_MS / perMinute));
    }
    // Full again by then: the row can go.
    expiresAt = updatedAt + (long) Math.ceil((perMinute - tokens) * MINUTE_MS / perMinute);
    return wait;
  }
}
