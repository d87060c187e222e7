package dev.rotor.keys.control;

import java.time.Clock;
import java.time.Duration;

/**
 * Builds an {@link AccessTokenIssuer} without a container, with a freshly generated key, for code
 * outside this package (the JMH benchmark in {@code dev.rotor.bench}). Not a test.
 */
public final class IssuerFixture {

  private IssuerFixture() {}

  /** An issuer signing with a new key of the given algorithm ({@code RS256} or {@code ES256}). */
  public static AccessTokenIssuer issuer(String algorithm) {
    SigningKeys generator = new SigningKeys();
    generator.clock = Clock.systemUTC();
    AccessTokenIssuer issuer = new AccessTokenIssuer();
    issuer.keys = new SigningKeys(generator.generate(SigningKeys.supportedAlgorithm(algorithm)));
    issuer.issuer = "http://localhost:8080";
    issuer.audience = "rotor";
    issuer.ttl = Duration.ofMinutes(5);
    return issuer;
  }
}
