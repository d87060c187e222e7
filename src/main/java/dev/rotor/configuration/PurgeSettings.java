package dev.rotor.configuration;

import java.time.Duration;

/**
 * The purge: how often it runs and first runs, its batch size and time budget per run, and how long
 * revoked or spent tokens (to recognise replays) and audit events are kept.
 */
public record PurgeSettings(
    Duration interval,
    Duration initialDelay,
    int batchSize,
    Duration timeBudget,
    Duration retention,
    Duration auditRetention) {

  public static PurgeSettings read(ConfigReader config) {
    return new PurgeSettings(
        config.positiveDuration("rotor.purge.interval", "PT5M"),
        config.duration("rotor.purge.initial-delay", "PT30S"),
        config.positiveInt("rotor.purge.batch-size", 2000),
        config.positiveDuration("rotor.purge.time-budget", "PT30S"),
        config.duration("rotor.purge.retention", "P7D"),
        config.duration("rotor.audit.retention", "P90D"));
  }
}
