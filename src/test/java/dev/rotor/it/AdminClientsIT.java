package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import dev.rotor.it.browser.Browsers;
import dev.rotor.it.browser.Flow;
import dev.rotor.it.browser.OidcClient;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients registered, changed and deleted at run time by an admin, used with no restart. */
@RotorIT
class AdminClientsIT {

  static final String REDIRECT = "http://127.0.0.1:9/callback";
  static final String OTHER_REDIRECT = "http://127.0.0.1:9/elsewhere";

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  private Api.Reply register(String json) {
    return api.postJson("admin/clients", json, admin);
  }

  private Api.Reply confidentialFirstParty() {
    Api.Reply created =
        register("{\"client_name\":\"Billing\",\"first_party\":true,\"scope\":\"profile email\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  private Api.Reply loginAs(String clientId, String secret) {
    String user = Users.unique("client-user");
    assertThat(api.register(user, Users.PASSWORD).status()).isEqualTo(201);
    return api.postJson(
        "auth/login",
        "{\"username\":\""
            + user
            + "\",\"password\":\""
            + Users.PASSWORD
            + "\",\"client_id\":\""
            + clientId
            + "\",\"client_secret\":\""
            + secret
            + "\"}");
  }

  private Api.Reply refreshWithBasic(String clientId, String secret, String refreshToken) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return api.send(
        api.request("oauth2/token")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + basic)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=refresh_token&refresh_token="
                        + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
            .build());
  }

  private Api.Reply patch(String id, String json, String bearer) {
    return api.send(
        api.request("admin/clients/" + id)
            .header("Content-Type", "application/merge-patch+json")
            .header("Authorization", "Bearer " + bearer)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private Api.Reply authorize(String clientId, String redirectUri) {
    return api.get(
        "oauth2/authorize?response_type=code&client_id="
            + clientId
            + "&redirect_uri="
            + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
            + "&scope=openid&state=s&nonce=n&code_challenge_method=S256&code_challenge="
            + "A".repeat(43),
        null);
  }

  @Test
  void aRegisteredClientGetsItsSecretOnceAndSignsAUserInWithoutARestart() {
    Api.Reply created = confidentialFirstParty();
    String id = created.string("client_id");
    String secret = created.string("client_secret");
    assertThat(created.header("Location")).endsWith("/admin/clients/" + id);
    assertThat(created.json())
        .containsEntry("client_name", "Billing")
        .containsEntry("token_endpoint_auth_method", "client_secret_basic")
        .containsEntry("configured", false)
        .containsEntry("scope", "profile email");
    assertThat(Base64.getUrlDecoder().decode(secret)).as("256 bits").hasSize(32);

    Api.Reply read = api.get("admin/clients/" + id, admin);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).containsEntry("client_id", id).doesNotContainKey("client_secret");
    assertThat(read.body()).doesNotContain(secret);

    Api.Reply login = loginAs(id, secret);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    Api.Reply refreshed = refreshWithBasic(id, secret, login.string("refresh_token"));
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    assertThat(refreshWithBasic(id, "not the secret", refreshed.string("refresh_token")).status())
        .isEqualTo(401);
  }

  @Test
  void aChangedRedirectUriTakesEffectAtOnce() {
    Api.Reply created =
        register(
            "{\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\"" + REDIRECT + "\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json())
        .doesNotContainKey("client_secret")
        .containsEntry("grant_types", List.of("authorization_code", "refresh_token"));
    String id = created.string("client_id");
    assertThat(authorize(id, REDIRECT).status()).isEqualTo(200);
    assertThat(authorize(id, OTHER_REDIRECT).status()).isEqualTo(400);

    Api.Reply changed =
        patch(
            id,
            "{\"redirect_uris\":[\"" + OTHER_REDIRECT + "\"],\"client_name\":\"Moved\"}",
            admin);
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json())
        .containsEntry("redirect_uris", List.of(OTHER_REDIRECT))
        .containsEntry("client_name", "Moved")
        .containsEntry("token_endpoint_auth_method", "none");

    assertThat(authorize(id, OTHER_REDIRECT).status()).isEqualTo(200);
    assertThat(authorize(id, REDIRECT).status()).isEqualTo(400);
  }

  @Test
  void deletingAClientEndsItsSessionsAtOnce() {
    Api.Reply created = confidentialFirstParty();
    String id = created.string("client_id");
    String secret = created.string("client_secret");
    Api.Reply login = loginAs(id, secret);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(api.me(login.string("access_token")).status()).isEqualTo(200);

    assertThat(api.delete("admin/clients/" + id, admin).status()).isEqualTo(204);

    assertThat(api.get("admin/clients/" + id, admin).status()).isEqualTo(404);
    assertThat(refreshWithBasic(id, secret, login.string("refresh_token")).status()).isEqualTo(401);
    // The access token still verifies until it expires (signature only); the session behind it
    // is gone from the user's live sessions at once.
    assertThat(api.get("sessions", login.string("access_token")).list())
        .as("its session ended")
        .isEmpty();
    Api.Reply events = api.get("admin/events?type=CLIENT_DELETED&size=200", admin);
    assertThat(events.body()).contains(id);
  }

  @Test
  void aDisabledClientCannotAuthenticateOrStartAFlowAndItsSessionsEndForGood() {
    Api.Reply created = confidentialFirstParty();
    String id = created.string("client_id");
    String secret = created.string("client_secret");
    Api.Reply login = loginAs(id, secret);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(created.json()).containsEntry("enabled", true);

    Api.Reply disabled = patch(id, "{\"enabled\":false}", admin);

    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.json()).containsEntry("enabled", false);
    assertThat(api.get("admin/clients/" + id, admin).json()).containsEntry("enabled", false);
    assertThat(refreshWithBasic(id, secret, login.string("refresh_token")).status()).isEqualTo(401);
    assertThat(loginAs(id, secret).status()).as("no new session").isEqualTo(401);
    assertThat(api.get("sessions", login.string("access_token")).list())
        .as("its session ended")
        .isEmpty();
    assertThat(api.get("admin/events?type=CLIENT_DISABLED&size=200", admin).body()).contains(id);

    Api.Reply enabled = patch(id, "{\"enabled\":true}", admin);

    assertThat(enabled.json()).containsEntry("enabled", true);
    Api.Reply stale = refreshWithBasic(id, secret, login.string("refresh_token"));
    assertThat(stale.status()).as("the client authenticates again: " + stale.body()).isEqualTo(400);
    assertThat(stale.string("error"))
        .as("enabling again brings no session back")
        .isEqualTo("invalid_grant");
    assertThat(loginAs(id, secret).status()).as("a new sign-in works").isEqualTo(200);
    assertThat(api.get("admin/events?type=CLIENT_ENABLED&size=200", admin).body()).contains(id);
  }

  @Test
  void aDisabledBrowserClientStartsNoAuthorization() {
    Api.Reply created =
        register(
            "{\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\""
                + REDIRECT
                + "\"],\"enabled\":false}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.string("client_id");
    assertThat(created.json()).containsEntry("enabled", false);

    assertThat(authorize(id, REDIRECT).status()).isEqualTo(400);
    assertThat(patch(id, "{\"enabled\":true}", admin).status()).isEqualTo(200);
    assertThat(authorize(id, REDIRECT).status()).isEqualTo(200);
  }

  @Test
  void aCodeIssuedBeforeADisableIsNotExchangedAfterTheClientIsEnabledAgain() throws Exception {
    Api.Reply created =
        register(
            "{\"token_endpoint_auth_method\":\"none\",\"first_party\":true,"
                + "\"scope\":\"openid profile\",\"redirect_uris\":[\""
                + REDIRECT
                + "\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.string("client_id");
    String user = Users.unique("code-user");
    assertThat(api.register(user, Users.PASSWORD).status()).isEqualTo(201);
    Flow flow = Flow.of(id, REDIRECT);
    AuthorizationCode code;
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      code = flow.signIn(web, user, Users.PASSWORD);
    }

    assertThat(patch(id, "{\"enabled\":false}", admin).status()).isEqualTo(200);
    assertThat(patch(id, "{\"enabled\":true}", admin).status()).isEqualTo(200);

    OidcClient.assertCodeRefused(flow, code, "a code from before the disable");
  }

  @Test
  void configuredClientsAreListedAndReadOnly() {
    Api.Reply app = api.get("admin/clients/rotor-app", admin);
    assertThat(app.status()).isEqualTo(200);
    assertThat(app.json())
        .containsEntry("configured", true)
        .containsEntry("token_endpoint_auth_method", "none");
    assertThat(api.get("admin/clients/" + ItServer.SERVICE, admin).json())
        .containsEntry("token_endpoint_auth_method", "client_secret_basic")
        .doesNotContainKey("client_secret");

    Api.Reply page = api.get("admin/clients?size=200", admin);
    assertThat(page.status()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) page.json().get("items");
    assertThat(items)
        .filteredOn(c -> Boolean.TRUE.equals(c.get("configured")))
        .extracting(c -> c.get("client_id"))
        .contains("rotor-app", ItServer.SERVICE);

    Api.Reply patched = patch("rotor-app", "{\"client_name\":\"x\"}", admin);
    assertThat(patched.status()).isEqualTo(409);
    assertThat(patched.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.delete("admin/clients/" + ItServer.SERVICE, admin).status()).isEqualTo(409);
  }

  @Test
  void pagesRunFromTheConfiguredClientsIntoTheRegisteredOnes() {
    String id = confidentialFirstParty().string("client_id");
    long total = ((Number) api.get("admin/clients?size=1", admin).json().get("total")).longValue();
    boolean found = false;
    for (int page = 0; page * 50L < total && !found; page++) {
      found = api.get("admin/clients?size=50&page=" + page, admin).body().contains(id);
    }
    assertThat(found).isTrue();
    assertThat(api.get("admin/clients?size=0", admin).status()).isEqualTo(400);
  }

  @Test
  void invalidMetadataIsA400NamingTheField() {
    Map<String, String> cases =
        Map.of(
            "{\"redirect_uris\":[\"not a uri\"]}", "redirect_uris",
            "{\"redirect_uris\":[\"http://example.com/cb\"]}", "redirect_uris",
            "{\"grant_types\":[\"password\"]}", "grant_types",
            "{\"grant_types\":[\"authorization_code\"]}", "redirect_uris",
            "{\"token_endpoint_auth_method\":\"none\",\"require_pkce\":false}", "require_pkce",
            "{\"token_endpoint_auth_method\":\"tls_client_auth\"}", "token_endpoint_auth_method",
            "{\"client_secret\":\"mine\"}", "client_secret",
            "{\"colour\":\"blue\"}", "colour",
            "{\"access_token_lifetime\":0}", "access_token_lifetime",
            "{\"first_party\":\"yes\"}", "first_party");
    cases.forEach(
        (body, field) -> {
          Api.Reply refused = register(body);
          assertThat(refused.status()).as(body + " " + refused.body()).isEqualTo(400);
          assertThat(refused.body()).as(body).contains("\"" + field + "\"");
        });
    Map.of(
            "{\"enabled\":\"no\"}", "enabled",
            "{\"previous_secret_expires_at\":\"2030-01-01T00:00:00Z\"}",
                "previous_secret_expires_at")
        .forEach(
            (body, field) -> {
              Api.Reply refused = register(body);
              assertThat(refused.status()).as(body + " " + refused.body()).isEqualTo(400);
              assertThat(refused.body()).as(body).contains("\"" + field + "\"");
            });
    assertThat(register("[]").status()).isEqualTo(400);
    assertThat(register("{").status()).isEqualTo(400);

    String id = confidentialFirstParty().string("client_id");
    Api.Reply toPublic = patch(id, "{\"token_endpoint_auth_method\":\"none\"}", admin);
    assertThat(toPublic.status()).isEqualTo(400);
    assertThat(toPublic.body()).contains("token_endpoint_auth_method");
    assertThat(patch(id, "{\"client_id\":\"other\"}", admin).status()).isEqualTo(400);
  }

  @Test
  void unknownClientsAre404AndOnlyAdminsGetIn() {
    String unknown = UUID.randomUUID().toString();
    assertThat(api.get("admin/clients/" + unknown, admin).status()).isEqualTo(404);
    assertThat(patch(unknown, "{\"client_name\":\"x\"}", admin).status()).isEqualTo(404);
    assertThat(api.delete("admin/clients/" + unknown, admin).status()).isEqualTo(404);

    String user = Users.registeredAndLoggedIn(api, "not-admin").string("access_token");
    assertThat(api.get("admin/clients", user).status()).isEqualTo(403);
    assertThat(api.postJson("admin/clients", "{}", user).status()).isEqualTo(403);
    assertThat(api.delete("admin/clients/rotor-app", user).status()).isEqualTo(403);
    assertThat(api.get("admin/clients", null).status()).isEqualTo(401);
    assertThat(api.postJson("admin/clients", "{}").status()).isEqualTo(401);
  }
}
