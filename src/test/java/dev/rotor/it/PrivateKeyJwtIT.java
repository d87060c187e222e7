package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.sun.net.httpserver.HttpServer;
import dev.rotor.it.browser.Browsers;
import dev.rotor.it.browser.Flow;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.OAuthClient;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client authentication by the method a client registered: {@code private_key_jwt} with a key made
 * here (inline JWK Set or {@code jwks_uri}, assertions built by the Nimbus SDK and accepted once),
 * and the secret methods refused when they are not the registered one.
 */
@RotorIT
class PrivateKeyJwtIT {

  static final String REDIRECT = "http://127.0.0.1:9/keyed-callback";
  static final URI TOKEN = URI.create(ItServer.ISSUER + "/oauth2/token");
  static final URI INTROSPECT = URI.create(ItServer.ISSUER + "/oauth2/introspect");
  static final URI REVOKE = URI.create(ItServer.ISSUER + "/oauth2/revoke");

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  private Api.Reply register(String json) {
    return api.postJson("admin/clients", json, admin);
  }

  private String registered(String json) {
    Api.Reply created = register(json);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.string("client_id");
  }

  private static String publicSet(com.nimbusds.jose.jwk.JWK key) {
    return new JWKSet(key.toPublicJWK()).toString(true);
  }

  private static PrivateKeyJWT assertion(String clientId, URI audience, RSAKey key)
      throws Exception {
    return new PrivateKeyJWT(
        new ClientID(clientId),
        audience,
        JWSAlgorithm.RS256,
        key.toRSAPrivateKey(),
        key.getKeyID(),
        null);
  }

  /** The endpoint with these fields and the assertion's, over plain HTTP. */
  private Api.Reply post(String path, Map<String, String> fields, PrivateKeyJWT assertion) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    assertion.toParameters().forEach((name, values) -> all.put(name, values.get(0)));
    return form(path, all, null);
  }

  private Api.Reply form(String path, Map<String, String> fields, String authorization) {
    HttpRequest.Builder request =
        api.request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(OAuthClient.form(fields)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return api.send(request.build());
  }

  private static void assertInvalidClient(Api.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    assertThat(reply.json()).containsEntry("error", "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).startsWith("Basic");
  }

  private Api.Reply refresh(String refreshToken, PrivateKeyJWT assertion) {
    return post(
        "oauth2/token",
        Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
        assertion);
  }

  @Test
  void aKeyedClientSignsAUserInAndEachAssertionIsAcceptedOnce() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("it-rsa").generate();
    Api.Reply created =
        register(
            "{\"client_name\":\"Keyed\",\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"first_party\":true,\"scope\":\"openid profile\",\"redirect_uris\":[\""
                + REDIRECT
                + "\"],\"jwks\":"
                + publicSet(key)
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json())
        .doesNotContainKey("client_secret")
        .containsEntry("token_endpoint_auth_method", "private_key_jwt")
        .containsKey("jwks");
    assertThat(created.body()).contains("it-rsa").doesNotContain("\"d\"");
    String id = created.string("client_id");

    String user = Users.registered(api, "keyed");
    Flow flow = Flow.of(id, REDIRECT);
    AuthorizationCode code;
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      code = flow.signIn(web, user, Users.PASSWORD);
    }
    TokenResponse exchanged =
        OIDCTokenResponseParser.parse(
            new TokenRequest(
                    TOKEN,
                    assertion(id, TOKEN, key),
                    new AuthorizationCodeGrant(code, flow.redirect(), flow.verifier()),
                    null)
                .toHTTPRequest()
                .send());
    assertThat(exchanged.indicatesSuccess())
        .as(() -> exchanged.toErrorResponse().getErrorObject().toString())
        .isTrue();
    String refreshToken =
        ((OIDCTokenResponse) exchanged.toSuccessResponse())
            .getTokens()
            .getRefreshToken()
            .getValue();

    PrivateKeyJWT once = assertion(id, TOKEN, key);
    Api.Reply refreshed = refresh(refreshToken, once);
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);

    Api.Reply replayed = refresh(refreshed.string("refresh_token"), once);
    assertInvalidClient(replayed);
    assertThat(replayed.string("error_description")).contains("used before");

    Api.Reply fresh = refresh(refreshed.string("refresh_token"), assertion(id, TOKEN, key));
    assertThat(fresh.status())
        .as("the refused request did not spend the refresh token: " + fresh.body())
        .isEqualTo(200);

    RSAKey stranger = new RSAKeyGenerator(2048).keyID("it-rsa").generate();
    assertInvalidClient(refresh(fresh.string("refresh_token"), assertion(id, TOKEN, stranger)));
    assertInvalidClient(
        form(
            "oauth2/token",
            Map.of(
                "grant_type",
                "refresh_token",
                "refresh_token",
                fresh.string("refresh_token"),
                "client_id",
                id),
            null));
  }

  @Test
  void aJwksUriIsFetchedOnceAndServesIntrospectionAndRevocation() throws Exception {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("it-ec").generate();
    AtomicInteger fetches = new AtomicInteger();
    byte[] jwks = publicSet(key).getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/jwks",
        exchange -> {
          fetches.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    server.start();
    try {
      String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
      String id =
          registered(
              "{\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"" + uri + "\"}");
      assertThat(api.get("admin/clients/" + id, admin).json()).containsEntry("jwks_uri", uri);

      for (URI audience : List.of(INTROSPECT, TOKEN)) {
        TokenIntrospectionResponse answer =
            TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(
                        INTROSPECT,
                        new PrivateKeyJWT(
                            new ClientID(id),
                            audience,
                            JWSAlgorithm.ES256,
                            key.toECPrivateKey(),
                            key.getKeyID(),
                            null),
                        new BearerAccessToken("not-a-token"))
                    .toHTTPRequest()
                    .send());
        assertThat(answer.indicatesSuccess()).as("audience " + audience).isTrue();
        assertThat(answer.toSuccessResponse().isActive()).isFalse();
      }
      Api.Reply revoked =
          post(
              "oauth2/revoke",
              Map.of("token", "not-a-token"),
              new PrivateKeyJWT(
                  new ClientID(id),
                  REVOKE,
                  JWSAlgorithm.ES256,
                  key.toECPrivateKey(),
                  key.getKeyID(),
                  null));
      assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
      assertThat(fetches.get()).as("the set is fetched once, then cached").isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aClientAuthenticatesOnlyWithTheSecretMethodItRegistered() {
    Api.Reply basicClient = register("{\"client_name\":\"Basic only\"}");
    assertThat(basicClient.status()).isEqualTo(201);
    assertThat(basicClient.json())
        .containsEntry("token_endpoint_auth_method", "client_secret_basic");
    String basicId = basicClient.string("client_id");
    String basicSecret = basicClient.string("client_secret");
    Map<String, String> junk = Map.of("token", "not-a-token");

    assertThat(form("oauth2/introspect", junk, OAuthClient.basic(basicId, basicSecret)).status())
        .isEqualTo(200);
    Map<String, String> posted = new LinkedHashMap<>(junk);
    posted.put("client_id", basicId);
    posted.put("client_secret", basicSecret);
    assertInvalidClient(form("oauth2/introspect", posted, null));

    Api.Reply postClient = register("{\"token_endpoint_auth_method\":\"client_secret_post\"}");
    String postId = postClient.string("client_id");
    String postSecret = postClient.string("client_secret");
    posted.put("client_id", postId);
    posted.put("client_secret", postSecret);
    assertThat(form("oauth2/introspect", posted, null).status()).isEqualTo(200);
    assertInvalidClient(form("oauth2/introspect", junk, OAuthClient.basic(postId, postSecret)));

    // Configured clients name no method: either secret method, as before.
    assertThat(
            form(
                    "oauth2/introspect",
                    junk,
                    OAuthClient.basic(ItServer.SERVICE, ItServer.SERVICE_SECRET))
                .status())
        .isEqualTo(200);
    posted.put("client_id", ItServer.SERVICE);
    posted.put("client_secret", ItServer.SERVICE_SECRET);
    assertThat(form("oauth2/introspect", posted, null).status()).isEqualTo(200);
  }

  @Test
  void keysAreCheckedWhenTheyAreRegistered() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("checked").generate();
    Map<String, String> cases =
        Map.of(
            "{\"token_endpoint_auth_method\":\"private_key_jwt\"}",
            "jwks",
            "{\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":"
                + new JWKSet(key).toString(false)
                + "}",
            "jwks",
            "{\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":[]}}",
            "jwks",
            "{\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":\"text\"}",
            "jwks",
            "{\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"jwks_uri\":\"http://keys.example/jwks\"}",
            "jwks_uri",
            "{\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":"
                + publicSet(key)
                + ",\"jwks_uri\":\"https://keys.example/jwks\"}",
            "jwks_uri",
            "{\"jwks\":" + publicSet(key) + "}",
            "jwks",
            "{\"token_endpoint_auth_method\":\"tls_client_auth\"}",
            "token_endpoint_auth_method");
    cases.forEach(
        (body, field) -> {
          Api.Reply refused = register(body);
          assertThat(refused.status()).as(body + " " + refused.body()).isEqualTo(400);
          assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
          assertThat(refused.body()).as(body).contains("\"" + field + "\"");
        });

    String id =
        registered(
            "{\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":" + publicSet(key) + "}");
    Api.Reply withPrivate =
        api.send(
            api.request("admin/clients/" + id)
                .header("Content-Type", "application/merge-patch+json")
                .header("Authorization", "Bearer " + admin)
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jwks\":" + new JWKSet(key).toString(false) + "}"))
                .build());
    assertThat(withPrivate.status()).as(withPrivate.body()).isEqualTo(400);
    assertThat(withPrivate.body())
        .contains("\"jwks\"")
        .doesNotContain(key.getPrivateExponent().toString());
    Api.Reply toSecret =
        api.send(
            api.request("admin/clients/" + id)
                .header("Content-Type", "application/merge-patch+json")
                .header("Authorization", "Bearer " + admin)
                .method(
                    "PATCH",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"token_endpoint_auth_method\":\"client_secret_basic\",\"jwks\":null}"))
                .build());
    assertThat(toSecret.status()).as(toSecret.body()).isEqualTo(400);
    assertThat(toSecret.body()).contains("token_endpoint_auth_method");
  }

  @Test
  void discoveryListsTheMethodsAndTheAssertionAlgorithms() {
    Map<String, Object> metadata = api.get(".well-known/openid-configuration", null).json();
    assertThat(metadata)
        .containsEntry(
            "token_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"))
        .containsEntry(
            "token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "PS256", "ES256"))
        .containsEntry(
            "revocation_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"))
        .containsEntry(
            "introspection_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt"));
  }
}
