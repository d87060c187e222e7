package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.JwksVerification;
import dev.rotor.it.support.OAuthClient;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/** Others' code, unmodified, against Rotor: what a team plugging Rotor in would run. */
@RotorIT
class InteropIT {

  Api api;

  @Test
  void jose4jVerifiesOurAccessTokensFromTheJwksUrlAndIssuerAlone() throws Exception {
    String token = Users.registeredAndLoggedIn(api, "jose4j").string("access_token");

    JwtClaims claims = JwksVerification.accessToken(token);

    assertThat(claims.getIssuer()).isEqualTo(ItServer.ISSUER);
    assertThat(claims.getStringListClaimValue("groups")).contains("user");
  }

  @Test
  void theNimbusOAuthSdkRefreshesIntrospectsAndRevokesFromTheMetadataAlone() throws Exception {
    String name = Users.unique("sdk");
    api.register(name, Users.PASSWORD);
    String refreshToken =
        OAuthClient.service(api).login(name, Users.PASSWORD).string("refresh_token");

    AuthorizationServerMetadata metadata =
        AuthorizationServerMetadata.resolve(new Issuer(ItServer.ISSUER));
    ClientAuthentication client =
        new ClientSecretBasic(new ClientID(ItServer.SERVICE), new Secret(ItServer.SERVICE_SECRET));

    TokenResponse refreshed =
        TokenResponse.parse(
            new TokenRequest(
                    metadata.getTokenEndpointURI(),
                    client,
                    new RefreshTokenGrant(new RefreshToken(refreshToken)))
                .toHTTPRequest()
                .send());
    assertThat(refreshed.indicatesSuccess()).as(String.valueOf(refreshed)).isTrue();
    AccessTokenResponse tokens = refreshed.toSuccessResponse();
    RefreshToken next = tokens.getTokens().getRefreshToken();
    assertThat(next.getValue()).isNotEqualTo(refreshToken);

    TokenIntrospectionResponse alive =
        TokenIntrospectionResponse.parse(
            new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), client, next)
                .toHTTPRequest()
                .send());
    assertThat(alive.toSuccessResponse().isActive()).isTrue();
    assertThat(alive.toSuccessResponse().getClientID()).isEqualTo(new ClientID(ItServer.SERVICE));

    assertThat(
            new TokenRevocationRequest(metadata.getRevocationEndpointURI(), client, next)
                .toHTTPRequest()
                .send()
                .getStatusCode())
        .isEqualTo(200);

    TokenIntrospectionResponse dead =
        TokenIntrospectionResponse.parse(
            new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), client, next)
                .toHTTPRequest()
                .send());
    assertThat(dead.toSuccessResponse().isActive()).isFalse();
    TokenResponse afterRevocation =
        TokenResponse.parse(
            new TokenRequest(metadata.getTokenEndpointURI(), client, new RefreshTokenGrant(next))
                .toHTTPRequest()
                .send());
    assertThat(afterRevocation.indicatesSuccess()).isFalse();
    assertThat(afterRevocation.toErrorResponse().getErrorObject().getCode())
        .isEqualTo("invalid_grant");
  }
}
