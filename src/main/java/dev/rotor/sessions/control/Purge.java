package dev.rotor.sessions.control;

import dev.rotor.configuration.PurgeSettings;
import dev.rotor.metrics.Counters;
import dev.rotor.persistence.PurgeKind;
import dev.rotor.persistence.Purgeable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deletes what is dead (refresh tokens, sessions, codes, browser sessions, throttle rows, old audit
 * events) in small batches, each its own transaction, until nothing is left or the time budget is
 * spent; the next run picks up where this one stopped. Nothing alive is ever selected, and two
 * overlapping runs only share the work. Each component deletes its own rows ({@link Purgeable});
 * this class only runs them, in their fixed order.
 */
@ApplicationScoped
public class Purge {

  private static final System.Logger LOG = System.getLogger(Purge.class.getName());

  @Inject Instance<Purgeable> components;

  @Inject PurgeLease lease;

  @Inject Clock clock;

  @Inject Counters counters;

  @Inject PurgeSettings settings;

  /**
   * The timer's run: only on the node that holds the lease. The lease outlives the time budget, so
   * no other node starts while this one still works.
   */
  public void runIfLeaseFree() {
    if (!lease.tryAcquire(settings.timeBudget().multipliedBy(2).plusMinutes(1))) {
      LOG.log(System.Logger.Level.DEBUG, "Purge skipped: another node holds the lease");
      return;
    }
    try {
      run();
    } finally {
      lease.release();
    }
  }

  public PurgeReport run() {
    Instant now = clock.instant();
    long started = System.nanoTime();
    long deadline = started + settings.timeBudget().toNanos();
    Map<PurgeKind, Long> removed = new LinkedHashMap<>();
    boolean finished = true;
    run:
    for (Purgeable component : inOrder(components.stream().toList())) {
      for (PurgeKind kind : component.kinds()) {
        long cutOff =
            switch (kind.cutoff()) {
              case NOW -> now.toEpochMilli();
              case RETENTION -> now.minus(settings.retention()).toEpochMilli();
              case AUDIT_RETENTION -> now.minus(settings.auditRetention()).toEpochMilli();
            };
        long count = 0;
        int deleted;
        do {
          deleted = component.delete(kind, cutOff, settings.batchSize());
          count += deleted;
        } while (deleted == settings.batchSize() && System.nanoTime() < deadline);
        removed.put(kind, count);
        counters.add("rotor.purge.removed", "kind", kind.label(), count);
        if (deleted == settings.batchSize()) {
          finished = false;
          break run;
        }
      }
    }
    PurgeReport report =
        new PurgeReport(removed, Duration.ofNanos(System.nanoTime() - started), finished);
    LOG.log(
        System.Logger.Level.INFO,
        "Purge removed {0} rows in {1} ms {2}{3}",
        report.total(),
        report.took().toMillis(),
        asLogged(removed),
        finished ? "" : ", time budget spent: the next run goes on");
    return report;
  }

  /** The components in the purge's fixed order. */
  static List<Purgeable> inOrder(List<Purgeable> components) {
    return components.stream().sorted(Comparator.comparingInt(Purgeable::position)).toList();
  }

  /** As the log has always shown it: {@code {EXPIRED_TOKENS=0, SPENT_TOKENS=2, ...}}. */
  static String asLogged(Map<PurgeKind, Long> removed) {
    return removed.entrySet().stream()
        .map(e -> e.getKey().label().toUpperCase(Locale.ROOT) + "=" + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
