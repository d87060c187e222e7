package dev.rotor.oauth.control;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.configuration.TokenLifetimes;
import dev.rotor.keys.control.AccessTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** OpenID Connect ID tokens (Core §2): what they say is the provider's; keys only sign them. */
@ApplicationScoped
public class IdTokens {

  @Inject AccessTokenIssuer signer;

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
}
