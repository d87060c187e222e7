package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.OAuthClient;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RFC endpoints, spoken to in plain HTTP so that every status and header is checked. */
@RotorIT
class OAuthIT {

  Api api;

  /** The suite's confidential client, with HTTP Basic. */
  OAuthClient service() {
    return OAuthClient.service(api);
  }

  OAuthClient publicClient(String id) {
    return OAuthClient.publicClient(api, id);
  }

  /** Logs a new user in as the given client. */
  Api.Reply loginAs(String client, String secret) {
    String name = Users.unique("oauth");
    api.register(name, Users.PASSWORD);
    return loginAs(name, Users.PASSWORD, client, secret);
  }

  /** Logs that user in as the given client. */
  Api.Reply loginAs(String name, String password, String client, String secret) {
    Api.Reply login =
        (secret == null
                ? OAuthClient.publicClient(api, client)
                : OAuthClient.confidential(api, client, secret))
            .login(name, password);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login;
  }

  static void assertOAuthError(Api.Reply reply, int status, String error) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.json()).containsEntry("error", error).containsKey("error_description");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void theMetadataDerivesEveryUrlFromTheIssuer() {
    for (String path :
        List.of(".well-known/oauth-authorization-server", ".well-known/openid-configuration")) {
      Map<String, Object> metadata = api.get(path, null).json();
      assertThat(metadata)
          .containsEntry("issuer", ItServer.ISSUER)
          .containsEntry("jwks_uri", ItServer.ISSUER + "/.well-known/jwks.json")
          .containsEntry("token_endpoint", ItServer.ISSUER + "/oauth2/token")
          .containsEntry("revocation_endpoint", ItServer.ISSUER + "/oauth2/revoke")
          .containsEntry("introspection_endpoint", ItServer.ISSUER + "/oauth2/introspect")
          .containsEntry("authorization_endpoint", ItServer.ISSUER + "/oauth2/authorize")
          .containsEntry("userinfo_endpoint", ItServer.ISSUER + "/oauth2/userinfo")
          .containsEntry("end_session_endpoint", ItServer.ISSUER + "/oauth2/logout")
          .containsEntry(
              "grant_types_supported",
              List.of("authorization_code", "refresh_token", "client_credentials"));
    }
  }

  @Test
  void aConfidentialClientRefreshesWithBasicOrPostAuthenticationAndRotationHolds()
      throws Exception {
    Api.Reply login = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET);

    Api.Reply basic = service().refresh(login.string("refresh_token"));
    assertThat(basic.status()).as(basic.body()).isEqualTo(200);
    assertThat(basic.header("Cache-Control")).isEqualTo("no-store");
    assertThat(basic.json())
        .containsEntry("token_type", "Bearer")
        .containsEntry("scope", "profile email");
    assertThat(
            SignedJWT.parse(basic.string("access_token")).getJWTClaimsSet().getClaim("client_id"))
        .isEqualTo(ItServer.SERVICE);

    Api.Reply post =
        OAuthClient.secretInForm(api, ItServer.SERVICE, ItServer.SERVICE_SECRET)
            .refresh(basic.string("refresh_token"), "profile");
    assertThat(post.status()).as(post.body()).isEqualTo(200);
    assertThat(post.json()).containsEntry("scope", "profile");
    assertThat(SignedJWT.parse(post.string("access_token")).getJWTClaimsSet().getClaim("scope"))
        .as("a narrowed scope")
        .isEqualTo("profile");

    Api.Reply wider = service().refresh(post.string("refresh_token"), "profile admin");
    assertOAuthError(wider, 400, "invalid_scope");

    Api.Reply replay = service().refresh(login.string("refresh_token"));
    assertOAuthError(replay, 400, "invalid_grant");
    assertThat(replay.header("Content-Type")).startsWith("application/json");
    assertThat(replay.header("Pragma")).isEqualTo("no-cache");
    assertThat(replay.header("WWW-Authenticate")).as("no challenge for a grant").isNull();
    assertOAuthError(service().refresh(post.string("refresh_token")), 400, "invalid_grant");
  }

  /** A third party gets the password only through Rotor's own page in the browser flow. */
  @Test
  void thePasswordLoginRefusesThirdPartyClients() {
    String name = Users.unique("third-party");
    api.register(name, Users.PASSWORD);

    Api.Reply refused =
        api.postJson(
            "auth/login",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + Users.PASSWORD
                + "\",\"client_id\":\""
                + ItServer.PARTNER
                + "\"}");

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.string("detail")).startsWith("unauthorized_client");
    assertThat(refused.body()).doesNotContain("access_token");

    Api.Reply unknown =
        api.postJson(
            "auth/login",
            "{\"username\":\""
                + name
                + "\",\"password\":\""
                + Users.PASSWORD
                + "\",\"client_id\":\"no-such-client\"}");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(401);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unknown.string("detail")).isEqualTo("Unknown client or wrong client secret.");
    assertThat(unknown.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(loginAs(ItServer.PUBLIC_CLIENT, null).string("access_token"))
        .as("a first-party client may")
        .isNotBlank();
  }

  /**
   * A client configured with another audience gets tokens for that resource server only: they
   * refresh at the token endpoint, its resource server may introspect them, and Rotor's own
   * endpoints refuse them, an admin's too, so a resource server cannot replay them against Rotor.
   */
  @Test
  void tokensForAnotherAudienceAreRefusedByRotorsOwnEndpoints() throws Exception {
    Api.Reply user = refreshAsOrdersApp(loginAs(ItServer.ORDERS_APP, null));
    Api.Reply admin =
        refreshAsOrdersApp(loginAs(Users.ADMIN, Users.ADMIN_PASSWORD, ItServer.ORDERS_APP, null));
    String userToken = user.string("access_token");
    String adminToken = admin.string("access_token");

    for (String token : List.of(userToken, adminToken)) {
      assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience())
          .containsExactly(ItServer.ORDERS_AUDIENCE);
      for (String path : List.of("users/me", "sessions", "oauth2/userinfo")) {
        Api.Reply refused = api.get(path, token);
        assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).as(path).startsWith("Bearer");
      }
    }
    for (String path : List.of("admin/users", "admin/events")) {
      assertThat(api.get(path, adminToken).status()).as(path).isEqualTo(401);
    }
    assertThat(OAuthClient.bearer(api, adminToken).introspect(userToken).status())
        .as("nor may it introspect as an admin")
        .isEqualTo(401);

    OAuthClient resourceServer =
        OAuthClient.confidential(api, ItServer.ORDERS_SERVICE, ItServer.ORDERS_SERVICE_SECRET);
    assertThat(resourceServer.introspect(userToken).json())
        .as("its resource server may")
        .containsEntry("active", true)
        .containsEntry("aud", ItServer.ORDERS_AUDIENCE)
        .containsEntry("client_id", ItServer.ORDERS_APP);
    assertThat(SignedJWT.parse(Users.adminToken(api)).getJWTClaimsSet().getAudience())
        .as("rotor-app's tokens keep the default audience")
        .containsExactly("rotor");
  }

  /** The refresh grant at the token endpoint, as the orders app (a public client). */
  Api.Reply refreshAsOrdersApp(Api.Reply login) {
    Api.Reply refreshed = publicClient(ItServer.ORDERS_APP).refresh(login.string("refresh_token"));
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    return refreshed;
  }

  @Test
  void aPublicClientRefreshesWithItsIdAlone() {
    Api.Reply login = loginAs(ItServer.PUBLIC_CLIENT, null);

    Api.Reply refreshed =
        publicClient(ItServer.PUBLIC_CLIENT).refresh(login.string("refresh_token"));

    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
  }

  @Test
  void theFirstPartyClientsTokensRefreshAtTheTokenEndpointToo() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "first-party");

    Api.Reply refreshed = publicClient("rotor-app").refresh(login.string("refresh_token"));

    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    assertThat(api.refresh(refreshed.string("refresh_token")).status()).isEqualTo(200);
  }

  @Test
  void aSpentTokenIsAReplayWhicheverClientPresentsIt() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "spent-elsewhere");
    Api.Reply next = api.refresh(login.string("refresh_token"));
    assertThat(next.status()).isEqualTo(200);

    Api.Reply elsewhere = service().refresh(login.string("refresh_token"));

    assertOAuthError(elsewhere, 400, "invalid_grant");
    assertThat(api.refresh(next.string("refresh_token")).status())
        .as("the replay revoked the session, though another client presented it")
        .isEqualTo(401);
  }

  @Test
  void aSpentTokenIsAReplayWhateverScopeItAsksFor() {
    Api.Reply login = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET);
    Api.Reply next = service().refresh(login.string("refresh_token"));
    assertThat(next.status()).as(next.body()).isEqualTo(200);

    Api.Reply wider = service().refresh(login.string("refresh_token"), "profile admin");

    assertOAuthError(wider, 400, "invalid_grant");
    assertOAuthError(service().refresh(next.string("refresh_token")), 400, "invalid_grant");
  }

  @Test
  void aRefreshTokenWorksOnlyForTheClientItWasIssuedTo() {
    Api.Reply login = loginAs(ItServer.PUBLIC_CLIENT, null);

    Api.Reply stolen = service().refresh(login.string("refresh_token"));
    assertOAuthError(stolen, 400, "invalid_grant");
    assertThat(api.refresh(login.string("refresh_token")).status())
        .as("nor at the first-party API")
        .isEqualTo(401);
    Api.Reply owner = publicClient(ItServer.PUBLIC_CLIENT).refresh(login.string("refresh_token"));
    assertThat(owner.status()).as("the owner's chain was not harmed").isEqualTo(200);
  }

  @Test
  void everyTokenEndpointErrorIsTheStandardOne() {
    String token = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET).string("refresh_token");

    assertOAuthError(service().token(Map.of("refresh_token", token)), 400, "invalid_request");
    assertOAuthError(
        service().token(Map.of("grant_type", "password", "username", "u", "password", "p")),
        400,
        "unsupported_grant_type");
    Api.Reply badSecret = OAuthClient.confidential(api, ItServer.SERVICE, "wrong").refresh(token);
    assertOAuthError(badSecret, 401, "invalid_client");
    assertThat(badSecret.header("WWW-Authenticate")).startsWith("Basic");
    assertOAuthError(publicClient(ItServer.SERVICE).refresh(token), 401, "invalid_client");
    assertOAuthError(OAuthClient.anonymous(api).refresh(token), 401, "invalid_client");
    assertOAuthError(service().refresh("never-issued"), 400, "invalid_grant");
    assertOAuthError(
        service().token(Map.of("grant_type", "refresh_token")), 400, "invalid_request");
    Api.Reply json =
        api.send(
            api.request("oauth2/token")
                .header("Content-Type", "application/json")
                .header(
                    "Authorization", OAuthClient.basic(ItServer.SERVICE, ItServer.SERVICE_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"refresh_token\"}"))
                .build());
    assertOAuthError(json, 415, "invalid_request");
    Api.Reply repeated =
        api.send(
            api.request("oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                    "Authorization", OAuthClient.basic(ItServer.SERVICE, ItServer.SERVICE_SECRET))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&refresh_token=a&refresh_token=b"))
                .build());
    assertOAuthError(repeated, 400, "invalid_request");
    assertThat(service().refresh(token).status())
        .as("none of that spent or damaged the token")
        .isEqualTo(200);
  }

  @Test
  void revocationEndsTheSessionAndAnswers200EvenForUnknownTokens() {
    Api.Reply login = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET);

    assertThat(service().revoke("never-issued").status()).isEqualTo(200);
    Api.Reply revoked = service().revoke(login.string("refresh_token"));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

    assertOAuthError(service().refresh(login.string("refresh_token")), 400, "invalid_grant");
    assertOAuthError(OAuthClient.anonymous(api).revoke("x"), 401, "invalid_client");
  }

  @Test
  void aClientCannotRevokeAnotherClientsToken() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "not-yours");

    assertOAuthError(service().revoke(login.string("refresh_token")), 400, "invalid_request");
    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(200);
  }

  @Test
  void anAccessTokenRevokesItsSessionToo() {
    Api.Reply login = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET);

    assertThat(service().revoke(login.string("access_token")).status()).isEqualTo(200);

    assertOAuthError(service().refresh(login.string("refresh_token")), 400, "invalid_grant");
  }

  @Test
  void introspectionTellsAliveFromDeadAndNothingMore() {
    Api.Reply login = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET);

    Map<String, Object> refresh = service().introspect(login.string("refresh_token")).json();
    assertThat(refresh)
        .containsEntry("active", true)
        .containsEntry("client_id", ItServer.SERVICE)
        .containsEntry("token_type", "refresh_token")
        .containsEntry("sid", login.string("session_id"))
        .containsKeys("exp", "sub", "username", "scope");
    Map<String, Object> access = service().introspect(login.string("access_token")).json();
    assertThat(access)
        .containsEntry("active", true)
        .containsEntry("iss", ItServer.ISSUER)
        .containsEntry("client_id", ItServer.SERVICE)
        .containsKeys("exp", "iat", "sub", "scope", "username");

    assertThat(service().introspect("never-issued").json()).isEqualTo(Map.of("active", false));
    assertThat(service().revoke(login.string("refresh_token")).status()).isEqualTo(200);
    assertThat(service().introspect(login.string("refresh_token")).json())
        .isEqualTo(Map.of("active", false));
    assertThat(service().introspect(login.string("access_token")).json())
        .as("an access token of a revoked session, still within its exp")
        .isEqualTo(Map.of("active", false));
  }

  /**
   * RFC 7662 §4: a client learns nothing about other clients' tokens, not even that they exist; a
   * resource server (introspect-any) and an admin see every token.
   */
  @Test
  void aClientIntrospectsOnlyItsOwnTokensUnlessItIsAResourceServer() {
    Api.Reply firstParty = Users.registeredAndLoggedIn(api, "not-the-services");
    Api.Reply own = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET);
    OAuthClient resourceServer =
        OAuthClient.confidential(api, ItServer.ORDERS_SERVICE, ItServer.ORDERS_SERVICE_SECRET);
    OAuthClient admin = OAuthClient.bearer(api, Users.adminToken(api));

    for (String token :
        List.of(firstParty.string("refresh_token"), firstParty.string("access_token"))) {
      assertThat(service().introspect(token).json())
          .as("another client's token, alive")
          .isEqualTo(Map.of("active", false));
      assertThat(resourceServer.introspect(token).json())
          .containsEntry("active", true)
          .containsEntry("client_id", "rotor-app");
      assertThat(admin.introspect(token).json()).containsEntry("active", true);
    }
    for (String token : List.of(own.string("refresh_token"), own.string("access_token"))) {
      assertThat(service().introspect(token).json())
          .containsEntry("active", true)
          .containsEntry("client_id", ItServer.SERVICE);
    }
  }

  @Test
  void anAccessTokenIsInactiveTheInstantItExpires() {
    Api.Reply login = loginAs(ItServer.SERVICE, ItServer.SERVICE_SECRET);
    String access = login.string("access_token");
    long ttl = ((Number) login.json().get("expires_in")).longValue();

    api.moveClock(java.time.Duration.ofSeconds(ttl - 2));
    assertThat(service().introspect(access).json()).containsEntry("active", true);
    api.moveClock(java.time.Duration.ofSeconds(ttl + 1));
    assertThat(service().introspect(access).json())
        .as("no leeway after exp")
        .isEqualTo(Map.of("active", false));
  }

  @Test
  void onlyConfidentialClientsAndAdminsMayIntrospect() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "introspected");

    assertOAuthError(
        OAuthClient.anonymous(api).introspect(login.string("refresh_token")),
        401,
        "invalid_client");
    assertOAuthError(
        publicClient(ItServer.PUBLIC_CLIENT).introspect(login.string("refresh_token")),
        401,
        "invalid_client");
    Api.Reply asAdmin =
        OAuthClient.bearer(api, Users.adminToken(api)).introspect(login.string("refresh_token"));
    assertThat(asAdmin.status()).as(asAdmin.body()).isEqualTo(200);
    assertThat(asAdmin.json()).containsEntry("active", true);
    Api.Reply asUser =
        OAuthClient.bearer(api, login.string("access_token"))
            .introspect(login.string("refresh_token"));
    assertOAuthError(asUser, 401, "invalid_client");
  }
}
