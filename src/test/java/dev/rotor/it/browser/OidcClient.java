package dev.rotor.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.JwksVerification;
import java.net.URI;
import org.jose4j.jwt.JwtClaims;

/**
 * The token endpoint as an unmodified OpenID Connect client library (the Nimbus SDK) calls it: the
 * portal is confidential (HTTP Basic), every other client of the flows public.
 */
public final class OidcClient {

  public static final URI AUTHORIZE = URI.create(ItServer.ISSUER + "/oauth2/authorize");
  public static final URI TOKEN = URI.create(ItServer.ISSUER + "/oauth2/token");

  private OidcClient() {}

  /** The code grant for the flow's client, with this verifier. */
  public static TokenResponse exchange(Flow flow, AuthorizationCode code, CodeVerifier verifier)
      throws Exception {
    var grant = new AuthorizationCodeGrant(code, flow.redirect(), verifier);
    TokenRequest request =
        flow.clientId().equals(ItServer.PORTAL)
            ? new TokenRequest(
                TOKEN,
                new ClientSecretBasic(
                    new ClientID(ItServer.PORTAL), new Secret(ItServer.PORTAL_SECRET)),
                grant,
                null)
            : new TokenRequest(TOKEN, new ClientID(flow.clientId()), grant, null);
    return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
  }

  /** The tokens for the flow's code and verifier, which must be granted. */
  public static OIDCTokenResponse tokens(Flow flow, AuthorizationCode code) throws Exception {
    TokenResponse response = exchange(flow, code, flow.verifier());
    assertThat(response.indicatesSuccess())
        .as(() -> response.toErrorResponse().getErrorObject().toString())
        .isTrue();
    return (OIDCTokenResponse) response.toSuccessResponse();
  }

  /** The ID token for the flow's code, verified from the JWK Set alone for the flow's client. */
  public static JwtClaims idToken(Flow flow, AuthorizationCode code) throws Exception {
    return JwksVerification.idToken(
        tokens(flow, code).getOIDCTokens().getIDTokenString(), flow.clientId());
  }

  /** A public client refreshes its session at the token endpoint, as its client library would. */
  public static TokenResponse refresh(String publicClient, OIDCTokenResponse tokens)
      throws Exception {
    return TokenResponse.parse(
        new TokenRequest(
                TOKEN,
                new ClientID(publicClient),
                new RefreshTokenGrant(tokens.getTokens().getRefreshToken()),
                null)
            .toHTTPRequest()
            .send());
  }

  /** The flow's own code and verifier get no tokens, but an {@code invalid_grant}. */
  public static void assertCodeRefused(Flow flow, AuthorizationCode code, String what)
      throws Exception {
    assertInvalidGrant(exchange(flow, code, flow.verifier()), what);
  }

  /** A token error as RFC 6749 §5.2 says: 400 with {@code invalid_grant}. */
  public static void assertInvalidGrant(TokenResponse response, String what) {
    assertThat(response.indicatesSuccess()).as("%s: refused", what).isFalse();
    var error = response.toErrorResponse().getErrorObject();
    assertThat(error.getHTTPStatusCode()).as("%s: status", what).isEqualTo(400);
    assertThat(error.getCode()).as("%s: error", what).isEqualTo("invalid_grant");
  }
}
