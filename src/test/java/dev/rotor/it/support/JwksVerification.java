package dev.rotor.it.support;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Rotor's tokens verified by jose4j from the JWK Set URL and the issuer alone, as an independent
 * resource server or relying party would: no key or setting shared with the server.
 */
public final class JwksVerification {

  private JwksVerification() {}

  /** An access token for Rotor's own audience. */
  public static JwtClaims accessToken(String token) throws InvalidJwtException {
    return consumer().setExpectedAudience("rotor").build().processToClaims(token);
  }

  /**
   * An ID token for the client. The skew is wide because tests move the server's clock; what is
   * checked here is the signature and the claims a relying party requires.
   */
  public static JwtClaims idToken(String token, String clientId) throws InvalidJwtException {
    return consumer()
        .setExpectedAudience(clientId)
        .setRequireIssuedAt()
        .setAllowedClockSkewInSeconds(3600)
        .build()
        .processToClaims(token);
  }

  private static JwtConsumerBuilder consumer() {
    return new JwtConsumerBuilder()
        .setVerificationKeyResolver(
            new HttpsJwksVerificationKeyResolver(
                new HttpsJwks(ItServer.ISSUER + "/.well-known/jwks.json")))
        .setExpectedIssuer(ItServer.ISSUER)
        .setRequireExpirationTime()
        .setRequireSubject();
  }
}
