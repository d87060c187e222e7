package dev.rotor.sessions.boundary;

import dev.rotor.sessions.control.PurgeLease;
import dev.rotor.sessions.control.TokenPurge;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the purge every {@code rotor.purge.interval}. The timer is not persistent, so it fires on
 * every node; the database lease lets one of them work (persistent timers are lost with the last
 * Hazelcast member, PLATFORM-NOTES).
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class PurgeTimer {

  private static final System.Logger LOG = System.getLogger(PurgeTimer.class.getName());

  @Resource TimerService timers;

  @Inject TokenPurge purge;

  @Inject PurgeLease lease;

  @Inject
  @ConfigProperty(name = "rotor.purge.interval", defaultValue = "PT5M")
  Duration interval;

  @Inject
  @ConfigProperty(name = "rotor.purge.initial-delay", defaultValue = "PT30S")
  Duration initialDelay;

  @Inject
  @ConfigProperty(name = "rotor.purge.time-budget", defaultValue = "PT30S")
  Duration timeBudget;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(
        initialDelay.toMillis(), interval.toMillis(), new TimerConfig("rotor-purge", false));
  }

  /** Each batch commits on its own; no transaction may span the run. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void purge() {
    // The lease outlives the time budget, so no other node starts while this one still works.
    if (!lease.tryAcquire(timeBudget.multipliedBy(2).plusMinutes(1))) {
      LOG.log(System.Logger.Level.DEBUG, "Purge skipped: another node holds the lease");
      return;
    }
    try {
      purge.run();
    } finally {
      lease.release();
    }
  }
}
