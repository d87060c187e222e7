package dev.rotor.oauth.control;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.rotor.clients.control.InitialAccessTokenSigner;
import dev.rotor.configuration.IssuerSettings;
import dev.rotor.keys.control.AccessTokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Initial access tokens as JWTs the servers' MicroProfile JWT verifies, as Keycloak's are: Rotor's
 * issuer and audience, the token's id as {@code sub}, no roles (so it opens nothing but {@code
 * /oauth2/register}, which looks it up by its hash), and its 256 random bits as {@code jti}.
 */
@ApplicationScoped
public class SignedInitialAccessTokens implements InitialAccessTokenSigner {

  static final String TOKEN_USE = "initial_access_token";

  @Inject AccessTokenIssuer signer;

  @Inject IssuerSettings settings;

  @Override
  public String sign(String id, String secret, Instant issuedAt, Instant expiresAt) {
    return signer.sign(
        new JWTClaimsSet.Builder()
            .issuer(settings.issuer())
            .subject(id)
            .audience(List.of(settings.audience()))
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .jwtID(secret)
            .claim("groups", List.of())
            .claim("token_use", TOKEN_USE)
            .build(),
        issuedAt);
  }
}
