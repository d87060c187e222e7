package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformation;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientInformationResponse;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientMetadata;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationRequest;
import com.nimbusds.openid.connect.sdk.rp.OIDCClientRegistrationResponseParser;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.OAuthClient;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 7591 dynamic registration with initial access tokens an admin issues (the suite runs with
 * {@code rotor.clients.registration=initial-access-token}).
 */
@RotorIT
class RegistrationIT {

  static final String REDIRECT = "https://registered.example.test/callback";
  static final String METADATA =
      "{\"client_name\":\"Registered-App\",\"redirect_uris\":[\""
          + REDIRECT
          + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
          + "\"response_types\":[\"code\"],\"scope\":\"openid profile\","
          + "\"token_endpoint_auth_method\":\"client_secret_basic\","
          + "\"logo_uri\":\"https://registered.example.test/logo.png\"}";

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  private Api.Reply issue(String json) {
    return api.postJson("admin/clients/initial-access-tokens", json, admin);
  }

  private Api.Reply issued(String json) {
    Api.Reply issued = issue(json);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued;
  }

  private Api.Reply register(String token, String json) {
    HttpRequest.Builder request =
        api.request("oauth2/register")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return api.send(request.build());
  }

  private static void assertInvalidToken(Api.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json()).containsEntry("error", "invalid_token");
  }

  private static void assertRegistrationError(Api.Reply reply, String error) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json()).containsEntry("error", error).containsKey("error_description");
  }

  private Map<String, Object> tokenListed(String id) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items =
        (List<Map<String, Object>>)
            api.get("admin/clients/initial-access-tokens?size=200", admin).json().get("items");
    return items.stream().filter(t -> id.equals(t.get("id"))).findFirst().orElseThrow();
  }

  @Test
  void aClientRegisteredWithATokenIsAThirdPartyClientThatWorksAtOnce() {
    Api.Reply issued = issued("{}");
    String token = issued.string("token");
    assertThat(issued.json())
        .containsEntry("token_type", "Bearer")
        .containsEntry("max_uses", 1L)
        .containsEntry("uses", 0L)
        .containsEntry("state", "active");
    assertThat(issued.header("Cache-Control")).isEqualTo("no-store");

    Api.Reply registered = register(token, METADATA);
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    assertThat(registered.header("Cache-Control")).isEqualTo("no-store");
    String id = registered.string("client_id");
    String secret = registered.string("client_secret");
    assertThat(Base64.getUrlDecoder().decode(secret)).as("256 bits").hasSize(32);
    assertThat(registered.json())
        .containsEntry("client_name", "Registered-App")
        .containsEntry("redirect_uris", List.of(REDIRECT))
        .containsEntry("response_types", List.of("code"))
        .containsEntry("scope", "openid profile")
        .containsEntry("client_secret_expires_at", 0L)
        .containsEntry("first_party", false)
        .containsEntry("introspect_any", false)
        .doesNotContainKey("logo_uri")
        .containsKey("client_id_issued_at");

    Api.Reply read = api.get("admin/clients/" + id, admin);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).containsEntry("first_party", false).doesNotContainKey("client_secret");

    // The client authenticates with its secret at once: introspection answers it.
    Api.Reply introspected = OAuthClient.confidential(api, id, secret).introspect("not-a-token");
    assertThat(introspected.status()).as(introspected.body()).isEqualTo(200);
    assertThat(introspected.json()).containsEntry("active", false);
    assertThat(OAuthClient.confidential(api, id, "wrong").introspect("x").status()).isEqualTo(401);
    // And it may start a browser sign-in at its redirect URI.
    Api.Reply authorize =
        api.get(
            "oauth2/authorize?response_type=code&client_id="
                + id
                + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=openid&state=s&code_challenge_method=S256&code_challenge="
                + "A".repeat(43),
            null);
    assertThat(authorize.status()).isEqualTo(200);

    assertThat(api.get("admin/events?type=CLIENT_CREATED&size=200", admin).body())
        .contains("client " + id + " by initial access token " + issued.string("id"));
    assertThat(api.get("admin/events?type=INITIAL_ACCESS_TOKEN_ISSUED&size=200", admin).body())
        .contains(issued.string("id"))
        .doesNotContain(token);
  }

  @Test
  void aTokenRegistersAsManyClientsAsItsUsesAndNoMore() {
    Api.Reply issued = issued("{\"max_uses\":2}");
    String token = issued.string("token");
    assertThat(register(token, METADATA).status()).isEqualTo(201);
    assertThat(register(token, METADATA).status()).isEqualTo(201);
    assertInvalidToken(register(token, METADATA));
    Map<String, Object> listed = tokenListed(issued.string("id"));
    assertThat(listed)
        .containsEntry("uses", 2L)
        .containsEntry("state", "used_up")
        .doesNotContainKey("token");
    assertThat(api.get("admin/clients/initial-access-tokens?size=200", admin).body())
        .doesNotContain(token);
  }

  @Test
  void twoRegistrationsRacingForTheLastUseRegisterOneClient() throws Exception {
    String token = issued("{}").string("token");
    CountDownLatch start = new CountDownLatch(1);
    // Two threads of their own: the common pool may have only one on a 2-core machine.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> racers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        racers.add(
            threads.submit(
                () -> {
                  start.await();
                  return register(token, METADATA).status();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> racer : racers) {
        statuses.add(racer.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsExactlyInAnyOrder(201, 401);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void anExpiredTokenRegistersNothing() {
    Api.Reply issued = issued("{\"expires_in\":60,\"max_uses\":5}");
    assertThat(issued.json().get("expires_at").toString()).isNotBlank();
    try {
      api.moveClock(Duration.ofSeconds(61));
      assertInvalidToken(register(issued.string("token"), METADATA));
      assertThat(tokenListed(issued.string("id"))).containsEntry("state", "expired");
    } finally {
      api.moveClock(Duration.ZERO);
    }
  }

  @Test
  void aRevokedTokenRegistersNothing() {
    Api.Reply issued = issued("{\"max_uses\":5}");
    String id = issued.string("id");
    assertThat(api.delete("admin/clients/initial-access-tokens/" + id, admin).status())
        .isEqualTo(204);
    assertInvalidToken(register(issued.string("token"), METADATA));
    assertThat(tokenListed(id)).containsEntry("state", "revoked").containsKey("revoked_at");
    assertThat(api.delete("admin/clients/initial-access-tokens/" + id, admin).status())
        .as("revoking again changes nothing")
        .isEqualTo(204);
    assertThat(api.get("admin/events?type=INITIAL_ACCESS_TOKEN_REVOKED&size=200", admin).body())
        .contains(id);
    assertThat(
            api.delete(
                    "admin/clients/initial-access-tokens/00000000-0000-0000-0000-000000000000",
                    admin)
                .status())
        .isEqualTo(404);
  }

  @Test
  void badMetadataIsRefusedWithoutSpendingTheToken() {
    String token = issued("{}").string("token");
    assertRegistrationError(
        register(token, "{\"redirect_uris\":[\"http://registered.example.test/cb\"]}"),
        "invalid_redirect_uri");
    assertRegistrationError(
        register(token, "{\"redirect_uris\":[\"" + REDIRECT + "\"],\"first_party\":true}"),
        "invalid_client_metadata");
    assertRegistrationError(
        register(token, "{\"redirect_uris\":[\"" + REDIRECT + "\"],\"introspect_any\":true}"),
        "invalid_client_metadata");
    assertRegistrationError(
        register(token, "{\"redirect_uris\":[\"" + REDIRECT + "\"],\"scope\":\"openid admin\"}"),
        "invalid_client_metadata");
    assertRegistrationError(
        register(
            token, "{\"redirect_uris\":[\"" + REDIRECT + "\"],\"response_types\":[\"token\"]}"),
        "invalid_client_metadata");
    assertRegistrationError(
        register(token, "{\"token_endpoint_auth_method\":\"magic\"}"), "invalid_client_metadata");
    assertRegistrationError(register(token, "[1,2]"), "invalid_client_metadata");
    assertThat(register(token, METADATA).status()).as("the one use is still there").isEqualTo(201);
  }

  @Test
  void noTokenOrAnotherKindOfTokenIsUnauthorized() {
    assertInvalidToken(register(null, METADATA));
    // An access token verifies as a JWT, but is no initial access token.
    String access = Users.registeredAndLoggedIn(api, "registrant").string("access_token");
    assertInvalidToken(register(access, METADATA));
    // A token Rotor never signed is refused before the endpoint, still with a bearer challenge.
    Api.Reply forged = register("bm90LWEtdG9rZW4", METADATA);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void onlyAnAdminIssuesTokensWithinTheirBounds() {
    String user = Users.registeredAndLoggedIn(api, "not-admin").string("access_token");
    assertThat(api.postJson("admin/clients/initial-access-tokens", "{}", user).status())
        .isEqualTo(403);
    assertThat(api.postJson("admin/clients/initial-access-tokens", "{}", null).status())
        .isEqualTo(401);
    assertThat(api.post("admin/clients/initial-access-tokens", admin).status())
        .as("no body: the defaults")
        .isEqualTo(201);
    for (String bad :
        List.of(
            "{\"expires_in\":0}",
            "{\"expires_in\":2592001}",
            "{\"max_uses\":0}",
            "{\"max_uses\":1001}",
            "{\"max_uses\":\"2\"}",
            "{\"uses\":1}")) {
      Api.Reply reply = issue(bad);
      assertThat(reply.status()).as(bad).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  @Test
  void discoveryNamesTheRegistrationEndpoint() {
    assertThat(api.get(".well-known/openid-configuration", null).json())
        .containsEntry("registration_endpoint", ItServer.ISSUER + "/oauth2/register");
  }

  @Test
  void theNimbusSdkRegistersAnOpenIdClientFromTheMetadataAlone() throws Exception {
    String token = issued("{}").string("token");
    AuthorizationServerMetadata metadata =
        AuthorizationServerMetadata.resolve(new Issuer(ItServer.ISSUER));
    OIDCClientMetadata client = new OIDCClientMetadata();
    client.setName("Nimbus-RP");
    client.setRedirectionURI(URI.create(REDIRECT));
    client.applyDefaults();

    OIDCClientInformationResponse response =
        (OIDCClientInformationResponse)
            OIDCClientRegistrationResponseParser.parse(
                new OIDCClientRegistrationRequest(
                        metadata.getRegistrationEndpointURI(), client, new BearerAccessToken(token))
                    .toHTTPRequest()
                    .send());
    OIDCClientInformation information = response.getOIDCClientInformation();
    assertThat(information.getSecret()).isNotNull();
    assertThat(information.getOIDCMetadata().getRedirectionURIs())
        .containsExactly(URI.create(REDIRECT));
    assertThat(api.get("admin/clients/" + information.getID().getValue(), admin).status())
        .isEqualTo(200);

    var again =
        OIDCClientRegistrationResponseParser.parse(
            new OIDCClientRegistrationRequest(
                    metadata.getRegistrationEndpointURI(), client, new BearerAccessToken(token))
                .toHTTPRequest()
                .send());
    assertThat(again.indicatesSuccess()).isFalse();
    assertThat(((ClientRegistrationErrorResponse) again).getErrorObject().getCode())
        .isEqualTo("invalid_token");
  }
}
