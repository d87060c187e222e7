package dev.rotor.it.server;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Test-only replacement of the server's clock: real time plus an offset tests can set, or stopped
 * at one instant while a test needs time to stand still whatever the machine's speed.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
@ApplicationScoped
public class MovableClock {

  static volatile Duration offset = Duration.ZERO;

  /** Where the clock stands while stopped; null while it runs. */
  static volatile Instant stoppedAt;

  @Produces
  Clock clock() {
    return new Offset();
  }

  static final class Offset extends Clock {
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
      Instant stopped = stoppedAt;
      return stopped != null ? stopped : Instant.now().plus(offset);
    }
  }
}
