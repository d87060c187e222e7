package dev.rotor.oauth.boundary;

import dev.rotor.audit.control.CallerOrigin;
import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.oauth.control.ClientCredentialsGrant;
import dev.rotor.oauth.control.ClientThrottle;
import dev.rotor.oauth.control.CodeExchange;
import dev.rotor.oauth.control.OAuthError;
import dev.rotor.sessions.control.RefreshRotation;
import dev.rotor.sessions.control.TokenPair;
import dev.rotor.sessions.control.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The token endpoint: the authorization code grant (RFC 6749 §4.1.3 with PKCE, RFC 7636), the
 * refresh token grant (§6, the same rotation and replay rules as {@code /auth/refresh}) and the
 * client credentials grant (§4.4). There is no password grant (RFC 9700 §2.4).
 *
 * <p>One instance for all requests: a request-scoped resource cost a bean creation and its
 * injections on every refresh (a measurable share of a refresh's CPU in a profile).
 */
@ApplicationScoped
@Path("oauth2/token")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

  @Inject ClientThrottle clientAuthentication;

  @Inject ClientCredentialsGrant clientCredentials;

  @Inject RefreshRotation rotation;

  @Inject CodeExchange codeExchange;

  @Inject CallerOrigin callerOrigin;

  @Inject Clock clock;

  /** Not transactional here: the rotation needs one statement, or a transaction of its own. */
  @POST
  public Response token(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      MultivaluedMap<String, String> form) {
    Origin origin = callerOrigin.current();
    String grantType = Forms.required(form, "grant_type");
    Client client = clientAuthentication.authenticate(Forms.client(authorization, form), origin);
    if (!grantType.equals(ClientRegistry.REFRESH_TOKEN_GRANT)
        && !grantType.equals(ClientRegistry.AUTHORIZATION_CODE_GRANT)
        && !grantType.equals(ClientRegistry.CLIENT_CREDENTIALS_GRANT)) {
      throw new OAuthError(
          400,
          "unsupported_grant_type",
          "Only the authorization_code, refresh_token and client_credentials grants are"
              + " supported.");
    }
    if (!client.mayUse(grantType)) {
      throw new OAuthError(400, "unauthorized_client", "The client may not use this grant.");
    }
    if (grantType.equals(ClientRegistry.CLIENT_CREDENTIALS_GRANT)) {
      Instant now = clock.instant();
      var granted = clientCredentials.grant(client, Forms.single(form, "scope"), origin, now);
      return TokenResponse.accessOnly(
          granted.token().value(), granted.token().expiresAt(), granted.scope(), now);
    }
    if (grantType.equals(ClientRegistry.AUTHORIZATION_CODE_GRANT)) {
      Instant now = clock.instant();
      var exchanged =
          codeExchange.exchange(
              client,
              Forms.required(form, "code"),
              Forms.required(form, "redirect_uri"),
              Forms.single(form, "code_verifier"),
              origin,
              now);
      return TokenResponse.withIdToken(exchanged.pair(), exchanged.idToken(), now);
    }
    String refreshToken = Forms.required(form, "refresh_token");
    String scope = Forms.single(form, "scope");
    Set<String> narrowed = scope == null ? null : ClientRegistry.list(scope);
    Instant now = clock.instant();
    TokenPair pair = rotation.rotate(refreshToken, client.id(), narrowed, origin, now);
    return TokenResponse.withScope(pair, now);
  }
}
