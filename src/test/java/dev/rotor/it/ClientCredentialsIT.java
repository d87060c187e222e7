package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.JwksVerification;
import dev.rotor.it.support.OAuthClient;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client credentials grant (RFC 6749 §4.4) through Nimbus's OAuth SDK, as a service would use
 * it, for clients registered at run time: the token and its claims, scope narrowing, who may not
 * use the grant, the brute-force defence for wrong secrets, the audit log, and the client's own
 * access-token lifetime.
 */
@RotorIT
class ClientCredentialsIT {

  static final URI TOKEN_ENDPOINT = URI.create(ItServer.ISSUER + "/oauth2/token");
  static final URI INTROSPECTION_ENDPOINT = URI.create(ItServer.ISSUER + "/oauth2/introspect");

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  /** A client registered through the admin API: its id and its secret (null for a public one). */
  record Registered(String id, String secret) {
    ClientAuthentication basic() {
      return new ClientSecretBasic(new ClientID(id), new Secret(secret));
    }

    ClientAuthentication post() {
      return new ClientSecretPost(new ClientID(id), new Secret(secret));
    }

    ClientAuthentication wrong() {
      return new ClientSecretBasic(new ClientID(id), new Secret("not the secret of " + id));
    }
  }

  private Registered register(String json) {
    Api.Reply created = api.postJson("admin/clients", json, admin);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Registered(
        created.string("client_id"), (String) created.json().get("client_secret"));
  }

  private Registered service(String extra) {
    return register(
        "{\"client_name\":\"Orders\",\"grant_types\":[\"client_credentials\"],"
            + "\"scope\":\"orders.read orders.write\""
            + extra
            + "}");
  }

  private static HTTPResponse grant(ClientAuthentication client, Scope scope) throws Exception {
    return new TokenRequest(TOKEN_ENDPOINT, client, new ClientCredentialsGrant(), scope)
        .toHTTPRequest()
        .send();
  }

  private static AccessTokenResponse granted(ClientAuthentication client, Scope scope)
      throws Exception {
    HTTPResponse http = grant(client, scope);
    TokenResponse answer = TokenResponse.parse(http);
    assertThat(answer.indicatesSuccess()).as(http.getBody()).isTrue();
    return answer.toSuccessResponse();
  }

  private static ErrorObject refused(HTTPResponse http) throws Exception {
    TokenResponse answer = TokenResponse.parse(http);
    assertThat(answer.indicatesSuccess()).as(http.getBody()).isFalse();
    return answer.toErrorResponse().getErrorObject();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> events(String type, String clientId) {
    Api.Reply page = api.get("admin/events?type=" + type + "&size=200", admin);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return ((List<Map<String, Object>>) page.json().get("items"))
        .stream()
            .filter(e -> String.valueOf(e.get("reason")).contains("client " + clientId))
            .toList();
  }

  @Test
  void aServiceGetsAnAccessTokenForItselfAndNoRefreshToken() throws Exception {
    Registered orders = service("");

    HTTPResponse http = grant(orders.basic(), null);
    AccessTokenResponse answer = TokenResponse.parse(http).toSuccessResponse();

    assertThat(http.getHeaderValue("Cache-Control")).isEqualTo("no-store");
    assertThat(http.getBodyAsJSONObject())
        .doesNotContainKeys("refresh_token", "refresh_expires_in", "session_id", "id_token");
    assertThat(answer.getTokens().getRefreshToken()).isNull();
    AccessToken token = answer.getTokens().getAccessToken();
    assertThat(token.getType().getValue()).isEqualTo("Bearer");
    assertThat(token.getLifetime()).isEqualTo(300);
    assertThat(token.getScope()).isEqualTo(Scope.parse("orders.read orders.write"));

    JwtClaims claims = JwksVerification.accessToken(token.getValue());
    assertThat(claims.getSubject()).isEqualTo(orders.id());
    assertThat(claims.getClaimValueAsString("client_id")).isEqualTo(orders.id());
    assertThat(claims.getClaimValueAsString("scope")).isEqualTo("orders.read orders.write");
    assertThat(claims.hasClaim("sid")).isFalse();
    assertThat(claims.getStringListClaimValue("groups")).isEmpty();

    assertThat(api.me(token.getValue()).status())
        .as("MicroProfile JWT takes the token as Rotor's, and it grants no user role")
        .isEqualTo(403);
    assertThat(api.me(token.getValue() + "x").status()).isEqualTo(401);

    TokenIntrospectionSuccessResponse introspected =
        TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(INTROSPECTION_ENDPOINT, orders.basic(), token)
                    .toHTTPRequest()
                    .send())
            .toSuccessResponse();
    assertThat(introspected.isActive()).isTrue();
    assertThat(introspected.getSubject().getValue()).isEqualTo(orders.id());
    assertThat(introspected.getClientID()).isEqualTo(new ClientID(orders.id()));
    assertThat(introspected.getScope()).isEqualTo(Scope.parse("orders.read orders.write"));

    assertThat(events("CLIENT_CREDENTIALS_GRANTED", orders.id()))
        .extracting(e -> e.get("reason"))
        .containsExactly("client " + orders.id() + ", scope orders.read orders.write");
  }

  @Test
  void theRequestedScopeNarrowsTheTokenAndAWiderOneIsInvalidScope() throws Exception {
    // Registered for client_secret_post, the form method, so that both methods are tested.
    Registered orders = service(",\"token_endpoint_auth_method\":\"client_secret_post\"");

    AccessTokenResponse narrowed = granted(orders.post(), Scope.parse("orders.read"));
    ErrorObject wider = refused(grant(orders.post(), Scope.parse("orders.read admin")));

    assertThat(narrowed.getTokens().getAccessToken().getScope())
        .isEqualTo(Scope.parse("orders.read"));
    assertThat(
            JwksVerification.accessToken(narrowed.getTokens().getAccessToken().getValue())
                .getClaimValueAsString("scope"))
        .isEqualTo("orders.read");
    assertThat(wider.getHTTPStatusCode()).isEqualTo(400);
    assertThat(wider.getCode()).isEqualTo("invalid_scope");
  }

  @Test
  void theTokenIsForTheClientsAudiencesAndLivesAsLongAsTheClientSays() throws Exception {
    Registered orders = service(",\"audiences\":[\"orders-api\"],\"access_token_lifetime\":120");

    AccessToken token = granted(orders.basic(), null).getTokens().getAccessToken();

    assertThat(token.getLifetime()).isEqualTo(120);
    JWTClaimsSet claims = SignedJWT.parse(token.getValue()).getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly("orders-api");
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofSeconds(120));
    assertThat(api.me(token.getValue()).status())
        .as("a token for another resource server does not open Rotor's own")
        .isEqualTo(401);
  }

  @Test
  void theClientsLifetimeAppliesToTheTokensOfItsUsersSessionsToo() {
    Api.Reply created =
        api.postJson("admin/clients", "{\"first_party\":true,\"access_token_lifetime\":90}", admin);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.string("client_id");
    String secret = created.string("client_secret");
    String user = Users.registered(api, "short-lived");

    Api.Reply login =
        api.postJson(
            "auth/login",
            "{\"username\":\""
                + user
                + "\",\"password\":\""
                + Users.PASSWORD
                + "\",\"client_id\":\""
                + id
                + "\",\"client_secret\":\""
                + secret
                + "\"}");
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    Api.Reply refreshed =
        OAuthClient.confidential(api, id, secret).refresh(login.string("refresh_token"));
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);

    for (Api.Reply answer : List.of(login, refreshed)) {
      assertThat(answer.json()).containsEntry("expires_in", 90L);
      assertThat(lifetimeOf(answer.string("access_token"))).isEqualTo(Duration.ofSeconds(90));
    }
  }

  private static Duration lifetimeOf(String accessToken) {
    try {
      JWTClaimsSet claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
      return Duration.between(
          claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aClientWithoutTheGrantIsAnUnauthorizedClient() throws Exception {
    Registered billing = register("{\"client_name\":\"Billing\"}");

    ErrorObject error = refused(grant(billing.basic(), null));

    assertThat(error.getHTTPStatusCode()).isEqualTo(400);
    assertThat(error.getCode()).isEqualTo("unauthorized_client");
  }

  @Test
  void aPublicClientCannotHaveTheGrantNorUseIt() throws Exception {
    Api.Reply registered =
        api.postJson(
            "admin/clients",
            "{\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"client_credentials\"]}",
            admin);
    assertThat(registered.status()).as(registered.body()).isEqualTo(400);
    assertThat(registered.body()).contains("grant_types");
    Registered app = register("{\"token_endpoint_auth_method\":\"none\"}");

    // Nimbus will not even send this grant without client authentication; sent by hand.
    Api.Reply answer =
        OAuthClient.publicClient(api, app.id()).token(Map.of("grant_type", "client_credentials"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.json()).containsEntry("error", "unauthorized_client");
  }

  @Test
  void wrongSecretsAreInvalidClientUntilTheLockThenEvenTheRightOneWaits() throws Exception {
    Registered orders = service("");
    for (int i = 0; i < 5; i++) {
      ErrorObject wrong = refused(grant(orders.wrong(), null));
      assertThat(wrong.getHTTPStatusCode()).isEqualTo(401);
      assertThat(wrong.getCode()).isEqualTo("invalid_client");
    }

    HTTPResponse locked = grant(orders.basic(), null);

    assertThat(locked.getStatusCode()).as(locked.getBody()).isEqualTo(429);
    assertThat(refused(locked).getCode()).isEqualTo("invalid_client");
    assertThat(Long.parseLong(locked.getHeaderValue("Retry-After"))).isBetween(1L, 60L);
    assertThat(
            TokenIntrospectionResponse.parse(
                    new TokenIntrospectionRequest(
                            INTROSPECTION_ENDPOINT, orders.basic(), new BearerAccessToken("x"))
                        .toHTTPRequest()
                        .send())
                .indicatesSuccess())
        .as("every endpoint that authenticates a client keeps the lock")
        .isFalse();
    assertThat(events("CLIENT_AUTH_FAILED", orders.id())).hasSize(5);
    assertThat(events("CLIENT_THROTTLED", orders.id()))
        .extracting(e -> (String) e.get("reason"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .isEqualTo(
                        "client "
                            + orders.id()
                            + " locked for 60 s after 5 failed authentications in a row"))
        .anySatisfy(r -> assertThat(r).matches("client \\S+ locked for \\d+ s more"));

    api.moveClock(Duration.ofSeconds(61));
    assertThat(granted(orders.basic(), null).getTokens().getAccessToken()).isNotNull();
    assertThat(refused(grant(orders.wrong(), null)).getHTTPStatusCode())
        .as("the right secret forgot the failures: one more is no lock")
        .isEqualTo(401);
  }
}
