package dev.rotor.configuration;

import java.time.Duration;

/** Accounts: whether anyone may register, and how long and how many profiles each node caches. */
public record UserSettings(
    boolean registrationOpen, Duration profileCacheTtl, int profileCacheSize) {

  public static UserSettings read(ConfigReader config) {
    return new UserSettings(
        config.bool("rotor.registration.open", true),
        config.duration("rotor.users.profile-cache-ttl", "PT5S"),
        config.positiveInt("rotor.users.profile-cache-size", 10000));
  }
}
