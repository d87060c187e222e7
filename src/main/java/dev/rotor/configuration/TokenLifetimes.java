package dev.rotor.configuration;

import java.time.Duration;

/**
 * How long tokens and sessions live: the access token, a refresh token left unused, a session at
 * most, and the replay grace for a client's own retry (off by default).
 */
public record TokenLifetimes(
    Duration accessToken, Duration refreshIdle, Duration sessionMax, Duration reuseGrace) {

  public static TokenLifetimes read(ConfigReader config) {
    return new TokenLifetimes(
        config.positiveDuration("rotor.access-token.ttl", "PT5M"),
        config.positiveDuration("rotor.refresh-token.idle-ttl", "P14D"),
        config.positiveDuration("rotor.session.max-ttl", "P30D"),
        config.duration("rotor.refresh-token.reuse-grace", "PT0S"));
  }
}
