package dev.rotor.keys.control;

import dev.rotor.configuration.IssuerSettings;
import dev.rotor.configuration.TokenLifetimes;
import java.security.Provider;
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

  /** The same, signing with the native provider ({@code true}) or the JDK's. */
  public static AccessTokenIssuer issuer(String algorithm, boolean nativeSigning) {
    return issuer(algorithm, "http://localhost:8080", Clock.systemUTC(), nativeSigning);
  }

  public static AccessTokenIssuer issuer(String algorithm, String iss, Clock clock) {
    return issuer(algorithm, iss, clock, false);
  }

  public static AccessTokenIssuer issuer(
      String algorithm, String iss, Clock clock, boolean nativeSigning) {
    Provider provider =
        nativeSigning
            ? SignatureProvider.nativeProvider()
                .orElseThrow(() -> new IllegalStateException("the native provider did not load"))
            : null;
    var key =
        KeyRing.Key.of(
            SigningKeys.generateJwk(SigningKeys.supportedAlgorithm(algorithm)),
            clock.instant(),
            provider);
    AccessTokenIssuer issuer = new AccessTokenIssuer();
    issuer.keys = new CurrentKeys(new KeyRing(List.of(key), Duration.ofMinutes(6)), clock);
    issuer.settings = new IssuerSettings(iss, "rotor");
    issuer.lifetimes =
        new TokenLifetimes(
            Duration.ofMinutes(5), Duration.ofDays(14), Duration.ofDays(30), Duration.ZERO);
    return issuer;
  }

  /** The keys the issuer signs with, for code outside this package that verifies its tokens. */
  public static CurrentKeys keys(AccessTokenIssuer issuer) {
    return issuer.keys;
  }
}
