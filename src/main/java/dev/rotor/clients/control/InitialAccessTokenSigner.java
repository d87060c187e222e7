package dev.rotor.clients.control;

import java.time.Instant;

/**
 * Turns an initial access token's random secret into the bearer token a client sends. The servers'
 * MicroProfile JWT refuses any bearer token it cannot verify before Rotor's code runs, on every
 * path, so the token must be one Rotor signed; the signing keys are not clients' to use, and the
 * component that may use them implements this.
 */
public interface InitialAccessTokenSigner {

  /** The bearer token: it carries {@code secret}, names {@code id} and expires at {@code exp}. */
  String sign(String id, String secret, Instant issuedAt, Instant expiresAt);
}
