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

  /**
   * A logout token for the client (Back-Channel Logout 1.0 §2.6): typed {@code logout+jwt}, with an
   * {@code iat} and a {@code jti}. The skew is wide for the same reason as an ID token's.
   */
  public static JwtClaims logoutToken(String token, String clientId) throws InvalidJwtException {
    return consumer()
        .setExpectedType(true, "logout+jwt")
        .setExpectedAudience(clientId)
        .setRequireIssuedAt()
        .setRequireJwtId()
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
