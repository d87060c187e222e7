package dev.rotor.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.configuration.TokenLifetimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The one class that signs: access tokens (MicroProfile JWT 2.1 claims, RFC 9068 where it can), and
 * the claim sets other components make (ID tokens), with the current key.
 */
@ApplicationScoped
public class AccessTokenIssuer {

  @Inject CurrentKeys keys;

  @Inject IssuerSettings settings;

  @Inject TokenLifetimes lifetimes;

  /** What the token says about whom; the issuer adds time, audience and ids. */
  public record Subject(
      String userId,
      String username,
      Set<String> roles,
      String sessionId,
      String clientId,
      String scope) {

    /**
     * A client acting for itself (the client credentials grant): it is its own subject, with no
     * user name, no roles and no session.
     */
    public static Subject ofClient(String clientId, String scope) {
      return new Subject(clientId, null, Set.of(), null, clientId, scope);
    }
  }

  public record AccessToken(String value, Instant expiresAt) {}

  /**
   * An access token for the subject, whose {@code aud} is the client's {@code audiences}, or
   * Rotor's own ({@code rotor.audience}) when it names none. Rotor's own endpoints accept only
   * their own audience, so a token meant for another resource server cannot be replayed against
   * them.
   */
  public AccessToken issue(Subject subject, List<String> audiences, Instant now) {
    return issue(subject, audiences, null, now);
  }

  /**
   * {@link #issue(Subject, List, Instant)} with the client's own lifetime, or the server's ({@code
   * rotor.access-token.ttl}) when {@code lifetime} is null.
   */
  public AccessToken issue(
      Subject subject, List<String> audiences, Duration lifetime, Instant now) {
    Instant expiresAt = now.plus(lifetime != null ? lifetime : lifetimes.accessToken());
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(settings.issuer())
            .subject(subject.userId())
            .audience(audiences.isEmpty() ? List.of(settings.audience()) : audiences)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            // Keycloak's claim, which WildFly's elytron-oidc-client requires of a bearer token.
            .claim("typ", "Bearer")
            .claim("upn", subject.username())
            .claim("preferred_username", subject.username())
            .claim("groups", List.copyOf(subject.roles()))
            .claim("sid", subject.sessionId())
            .claim("client_id", subject.clientId())
            .claim("scope", subject.scope())
            .build();
    return new AccessToken(sign(claims, keys.signing(now)), expiresAt);
  }

  /** Signs a claim set with the key that signs at {@code now}: what other tokens are made with. */
  public String sign(JWTClaimsSet claims, Instant now) {
    return sign(claims, keys.signing(now));
  }

  /**
   * Signs a claim set with the key that signs at {@code now}, its header {@code typ} set to {@code
   * type}: an explicit type (RFC 8725 §3.11) keeps a token of one kind from passing for another, as
   * a logout token ({@code logout+jwt}) must not pass for an ID token.
   */
  public String sign(JWTClaimsSet claims, JOSEObjectType type, Instant now) {
    KeyRing.Key key = keys.signing(now);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.header()).type(type).build(), claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  /** Signs any claim set with the key that signs now; also what tests use to forge edge cases. */
  public String sign(JWTClaimsSet claims) {
    return sign(claims, keys.signing());
  }

  private static String sign(JWTClaimsSet claims, KeyRing.Key key) {
    SignedJWT jwt = new SignedJWT(key.header(), claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  public Duration ttl() {
    return lifetimes.accessToken();
  }
}
