package dev.rotor.oauth.boundary;

import dev.rotor.oauth.control.LogoutDeliveries;
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

/**
 * Every {@link #INTERVAL}, starts the back-channel logout attempts that are due: retries, and those
 * a node left when it stopped. Not persistent, so it fires on every node; the outbox's lease gives
 * each attempt to one of them.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class LogoutDeliveryTimer {

  /**
   * How often each node looks for due attempts: one indexed query; a logout itself does not wait
   * for it (its tokens go out when it commits).
   */
  static final Duration INTERVAL = Duration.ofSeconds(2);

  @Resource TimerService timers;

  @Inject LogoutDeliveries deliveries;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(
        INTERVAL.toMillis(), INTERVAL.toMillis(), new TimerConfig("rotor-logout-delivery", false));
  }

  /** Claiming commits on its own; the sending runs on the container's executor. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void sendDue() {
    deliveries.sendDue();
  }
}
