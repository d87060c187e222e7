package dev.rotor.sessions.boundary;

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

  @Resource TimerService timers;

  @Inject TokenPurge purge;

  @Inject
  @ConfigProperty(name = "rotor.purge.interval", defaultValue = "PT5M")
  Duration interval;

  @Inject
  @ConfigProperty(name = "rotor.purge.initial-delay", defaultValue = "PT30S")
  Duration initialDelay;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(
        initialDelay.toMillis(), interval.toMillis(), new TimerConfig("rotor-purge", false));
  }

  /** Each batch commits on its own; no transaction may span the run. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void purge() {
    purge.runIfLeaseFree();
  }
}
