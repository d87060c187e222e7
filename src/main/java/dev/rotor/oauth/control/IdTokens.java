package dev.rotor.oauth.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.control.AccessTokenIssuer;
import dev.rotor.keys.control.CurrentKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** OpenID Connect ID tokens (Core §2): what they say is the provider's; keys only sign them. */
@ApplicationScoped
public class IdTokens {

  @Inject AccessTokenIssuer signer;

  @Inject CurrentKeys keys;

  @Inject IssuerSettings settings;

  @Inject TokenLifetimes lifetimes;

  /**
   * Who signed in, for a client's ID token: {@code browserSessionId} is the single sign-on session
   * ({@code sid}); {@code username} is always there, also for a client that asks for {@code openid}
   * alone (as Keycloak's default scopes do: WildFly's OIDC client asks for nothing more and names
   * the caller by it); a null leaves the claim out; {@code roles} become {@code groups}, as in
   * access tokens (Jakarta Security's OpenID client maps them to its caller's groups).
   */
  public record Identity(
      String userId,
      String clientId,
      String nonce,
      Instant authTime,
      String browserSessionId,
      String username,
      Set<String> roles) {}

  /** A signed ID token for the client, valid as long as an access token. */
  public String issue(Identity identity, Instant now) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(settings.issuer())
            .subject(identity.userId())
            .audience(identity.clientId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetimes.accessToken())))
            .claim("auth_time", identity.authTime().getEpochSecond())
            .claim("sid", identity.browserSessionId())
            .claim("azp", identity.clientId())
            .claim("groups", List.copyOf(identity.roles()));
    if (identity.nonce() != null) {
      claims.claim("nonce", identity.nonce());
    }
    if (identity.username() != null) {
      claims.claim("preferred_username", identity.username());
    }
    return signer.sign(claims.build(), now);
  }

  /** What an {@code id_token_hint} says: the client it was issued to, and its browser session. */
  public record Hint(String clientId, String browserSessionId, String userId) {}

  /**
   * An ID token Rotor issued, as a logout's {@code id_token_hint} (RP-Initiated Logout 1.0 §2): its
   * signature by a published key and its issuer are checked, its expiry is not, because an
   * application often asks for the logout after the ID token has expired. An access token is no
   * hint: it carries {@code client_id}, which an ID token never does.
   */
  public Optional<Hint> hint(String token) {
    if (token == null || token.length() > 8192) {
      return Optional.empty();
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
            new ImmutableJWKSet<>(keys.published())));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("aud", "sub", "sid", "azp", "auth_time")) {
          @Override
          public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            // The issuer and the required claims only: an expired ID token is still a hint.
            super.verify(
                new JWTClaimsSet.Builder(claims).expirationTime(null).notBeforeTime(null).build(),
                context);
          }
        });
    try {
      JWTClaimsSet claims = processor.process(token, null);
      if (claims.getClaim("client_id") != null
          || claims.getAudience().size() != 1
          || !(claims.getClaim("sid") instanceof String sid)
          || !claims.getAudience().get(0).equals(claims.getClaim("azp"))) {
        return Optional.empty();
      }
      return Optional.of(new Hint(claims.getAudience().get(0), sid, claims.getSubject()));
    } catch (ParseException | BadJOSEException | JOSEException e) {
      return Optional.empty();
    }
  }
}
