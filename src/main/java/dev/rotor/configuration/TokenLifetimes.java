package dev.rotor.configuration;

import java.time.Duration;

/**
 * How long tokens and sessions live: the access token, a refresh token left unused, a session at
 * most, and the replay grace for a client's own retry (off by default).
 */
public record TokenLifetimes(
    Duration accessToken, Duration refreshIdle, Duration sessionMax, Duration reuseGrace) {

  /** The longest access-token lifetime a client may have: an access token cannot be revoked. */
  public static final Duration CLIENT_ACCESS_TOKEN_MAX = Duration.ofDays(1);

  /**
   * The longest any access token may live, a client's own lifetime included: how long a retired
   * signing key must stay published.
   */
  public Duration longestAccessToken() {
    return accessToken.compareTo(CLIENT_ACCESS_TOKEN_MAX) > 0
        ? accessToken
        : CLIENT_ACCESS_TOKEN_MAX;
  }

  public static TokenLifetimes read(ConfigReader config) {
    return new TokenLifetimes(
        config.positiveDuration("rotor.access-token.ttl", "PT5M"),
        config.positiveDuration("rotor.refresh-token.idle-ttl", "P14D"),
        config.positiveDuration("rotor.session.max-ttl", "P30D"),
        config.duration("rotor.refresh-token.reuse-grace", "PT0S"));
  }
}
