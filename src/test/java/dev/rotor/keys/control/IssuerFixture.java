package dev.rotor.keys.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds an {@link AccessTokenIssuer} without a container, with a freshly generated key: for the
 * unit tests and for code outside this package (the JMH benchmark in {@code dev.rotor.bench}).
 */
public final class IssuerFixture {

  private IssuerFixture() {}

  /** An issuer signing with a new key of the given algorithm ({@code RS256} or {@code ES256}). */
  public static AccessTokenIssuer issuer(String algorithm) {
    return issuer(algorithm, "http://localhost:8080", Clock.systemUTC());
  }

  public static AccessTokenIssuer issuer(String algorithm, String iss, Clock clock) {
    var key =
        KeyRing.Key.of(
            SigningKeys.generateJwk(SigningKeys.supportedAlgorithm(algorithm)), clock.instant());
    AccessTokenIssuer issuer = new AccessTokenIssuer();
    issuer.keys = new SigningKeys(new KeyRing(List.of(key), Duration.ofMinutes(6)), clock);
    issuer.issuer = iss;
    issuer.audience = "rotor";
    issuer.ttl = Duration.ofMinutes(5);
    return issuer;
  }
}
