package dev.rotor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when the test moves it, for unit tests of time rules. */
public final class SteppedClock extends Clock {

  private Instant now;

  public SteppedClock(Instant start) {
    this.now = start;
  }

  public SteppedClock() {
    this(Instant.parse("2026-12-07T10:00:00Z"));
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
