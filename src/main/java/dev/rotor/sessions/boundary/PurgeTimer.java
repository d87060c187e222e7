package dev.rotor.sessions.boundary;

import dev.rotor.configuration.PurgeSettings;
import dev.rotor.sessions.control.Purge;
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

/**
 * Runs the purge every {@code rotor.purge.interval}. The timer is not persistent, so it fires on
 * every node; the database lease lets one of them work (persistent timers are lost with the last
 * Hazelcast member, docs/architecture.md).
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class PurgeTimer {

  @Resource TimerService timers;

  @Inject Purge purge;

  @Inject PurgeSettings settings;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(
        settings.initialDelay().toMillis(),
        settings.interval().toMillis(),
        new TimerConfig("rotor-purge", false));
  }

  /** Each batch commits on its own; no transaction may span the run. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void purge() {
    purge.runIfLeaseFree();
  }
}
