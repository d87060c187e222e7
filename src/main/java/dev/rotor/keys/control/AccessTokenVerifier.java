package dev.rotor.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.rotor.configuration.IssuerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies our own access tokens where MicroProfile JWT cannot (introspection, revocation of an
 * access token): signature by a published key, issuer, expiry — Nimbus's processor, never hand-made
 * checks. Any audience: a token Rotor issued for another resource server (a client's {@code
 * audiences}) is still Rotor's to introspect and revoke; who may see it is the caller's decision.
 * Rotor's own endpoints require their audience through MicroProfile JWT instead.
 */
@ApplicationScoped
public class AccessTokenVerifier {

  @Inject CurrentKeys keys;

  @Inject Clock clock;

  @Inject IssuerSettings settings;

  /** The claims of a valid access token of ours, or empty for anything else. */
  public Optional<JWTClaimsSet> verify(String token) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
            new ImmutableJWKSet<>(keys.published())));
    Date now = Date.from(clock.instant());
    var claimsVerifier =
        new DefaultJWTClaimsVerifier<>(
            (String) null,
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            // No sid: a client's own token (client credentials) has no session.
            Set.of("aud", "sub", "exp", "iat", "client_id")) {
          @Override
          protected Date currentTime() {
            return now;
          }
        };
    // Our own tokens, our own clock: dead the instant exp passes (Nimbus allows 60 s by default).
    claimsVerifier.setMaxClockSkew(0);
    processor.setJWTClaimsSetVerifier(claimsVerifier);
    try {
      return Optional.of(processor.process(token, null))
          .filter(AccessTokenVerifier::hasRotorsClaimTypes);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      return Optional.empty();
    }
  }

  /**
   * Rotor writes the session and client ids as strings (a client's own token has no session id): a
   * token signed with its key where they are anything else was not issued by it (Nimbus checks the
   * types of the registered claims only).
   */
  static boolean hasRotorsClaimTypes(JWTClaimsSet claims) {
    return (claims.getClaim("sid") == null || claims.getClaim("sid") instanceof String)
        && claims.getClaim("client_id") instanceof String;
  }
}
