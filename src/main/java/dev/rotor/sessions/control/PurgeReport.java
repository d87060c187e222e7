package dev.rotor.sessions.control;

import dev.rotor.persistence.PurgeKind;
import java.time.Duration;
import java.util.Map;

/** What one purge run removed, per kind in the order removed, and how long it took. */
public record PurgeReport(Map<PurgeKind, Long> removed, Duration took, boolean finished) {

  public long total() {
    return removed.values().stream().mapToLong(Long::longValue).sum();
  }
}
