package dev.rotor.oauth.boundary;

import dev.rotor.oauth.control.LogoutDeliveries;
import dev.rotor.sso.control.BrowserSessions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Every {@link #INTERVAL}, starts the back-channel logout attempts that are due: retries, and those
 * a node left when it stopped. Every {@link #RUN_OUT_SWEEP}, ends the browser sessions that ran out
 * with clients signed in, which sends those clients their logout. Not persistent, so both fire on
 * every node; the outbox's lease gives each attempt to one node, and a session ends once.
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

  /**
   * How often each node looks for browser sessions that ran out: an application hears of an idle or
   * absolute expiry at most this late.
   */
  static final Duration RUN_OUT_SWEEP = Duration.ofMinutes(1);

  /** Sessions ended per sweep; the next sweep takes the rest. */
  static final int RUN_OUT_BATCH = 100;

  private static final String DELIVERY = "rotor-logout-delivery";
  private static final String SWEEP = "rotor-browser-session-run-out";

  @Resource TimerService timers;

  @Inject LogoutDeliveries deliveries;

  @Inject BrowserSessions browserSessions;

  @PostConstruct
  void schedule() {
    timers.createIntervalTimer(
        INTERVAL.toMillis(), INTERVAL.toMillis(), new TimerConfig(DELIVERY, false));
    timers.createIntervalTimer(
        RUN_OUT_SWEEP.toMillis(), RUN_OUT_SWEEP.toMillis(), new TimerConfig(SWEEP, false));
  }

  /** Claiming commits on its own; the sending runs on the container's executor. */
  @Timeout
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void fire(Timer timer) {
    if (SWEEP.equals(timer.getInfo())) {
      browserSessions.endRunOut(RUN_OUT_BATCH);
    } else {
      deliveries.sendDue();
    }
  }
}
