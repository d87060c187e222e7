package dev.rotor.configuration;

import java.time.Duration;

/**
 * The signing keys: algorithm (RS256 or ES256), how often a new key takes over, how long before
 * that it is published, and whether a native provider may sign.
 */
public record KeySettings(
    String algorithm, Duration rotationInterval, Duration publishAhead, boolean nativeSigning) {

  public static final String ALGORITHM = "rotor.keys.algorithm";

  public static KeySettings read(ConfigReader config) {
    String algorithm = config.string(ALGORITHM, "RS256");
    if (!algorithm.equals("RS256") && !algorithm.equals("ES256")) {
      config.problem(ALGORITHM, "must be RS256 or ES256, got '" + algorithm + "'");
      algorithm = "RS256";
    }
    return new KeySettings(
        algorithm,
        config.positiveDuration("rotor.keys.rotation-interval", "P30D"),
        // Longer than verifiers cache a JWK Set (ours says 5 minutes, Payara re-reads every
        // minute).
        config.duration("rotor.keys.publish-ahead", "PT10M"),
        config.bool("rotor.keys.native-signing", true));
  }
}
