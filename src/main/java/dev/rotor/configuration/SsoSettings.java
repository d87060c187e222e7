package dev.rotor.configuration;

import java.time.Duration;

/**
 * Single sign-on: how long a browser session lives without use ({@code idleTtl}) and at most
 * ({@code maxTtl}) from the password that started it.
 */
public record SsoSettings(Duration idleTtl, Duration maxTtl) {

  public static SsoSettings read(ConfigReader config) {
    return new SsoSettings(
        config.positiveDuration("rotor.sso.session.idle-ttl", "PT30M"),
        config.positiveDuration("rotor.sso.session.max-ttl", "PT10H"));
  }
}
