package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.OAuthClient;
import dev.rotor.it.support.RawHttp;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input gets a documented 4xx problem, never a 500 or HTML, and corrupts nothing. */
@RotorIT
class BadInputIT {

  Api api;

  static void assertProblem(Api.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json()).containsEntry("status", (long) status).containsKeys("title", "type");
    assertThat(reply.body()).doesNotContain("Exception", "<html", "at dev.rotor");
  }

  static void assertProblem(RawHttp.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.json()).containsEntry("status", (long) status).containsKeys("title", "type");
    assertThat(reply.body()).doesNotContain("Exception", "<html", "at dev.rotor");
  }

  /** RFC 6749 §5.2: the OAuth endpoints' own error format. */
  static void assertOAuthError(int status, String contentType, String body, String what) {
    assertThat(status).as(what + ": " + body).isBetween(400, 499);
    assertThat(contentType).as(what).startsWith("application/json");
    assertThat(body)
        .as(what)
        .contains("\"error\":\"invalid_request\"", "\"error_description\"")
        .doesNotContain("Exception", "<html", "at dev.rotor");
  }

  private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);

  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login", "auth/refresh", "auth/logout"})
  void malformedJsonIsABadRequest(String path) {
    assertProblem(api.postJson(path, "{\"username\": "), 400);
    assertProblem(api.postJson(path, "not json at all"), 400);
    assertProblem(api.postJson(path, "[1, 2]"), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login", "auth/refresh", "auth/logout"})
  void anEmptyBodyIsABadRequest(String path) {
    assertProblem(api.postJson(path, ""), 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login"})
  void anEmptyObjectBodyNamesTheMissingFields(String path) {
    Api.Reply empty = api.postJson(path, "{}");
    assertProblem(empty, 400);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> invalid =
        (List<Map<String, Object>>) empty.json().get("invalid_params");
    assertThat(invalid.stream().map(p -> p.get("name")).toList())
        .containsExactlyInAnyOrder("username", "password");
  }

  /** The contract: no refresh token is a missing credential (401), like a dead one. */
  @ParameterizedTest
  @ValueSource(strings = {"auth/refresh", "auth/logout"})
  void aMissingOrEmptyRefreshTokenIsUnauthorized(String path) {
    for (String body :
        List.of(
            "{}",
            "{\"refresh_token\": null}",
            "{\"refresh_token\": \"\"}",
            "{\"refresh_token\": \"  \"}")) {
      Api.Reply reply = api.postJson(path, body);
      assertProblem(reply, 401);
      assertThat(reply.header("WWW-Authenticate")).as(body).isEqualTo("Bearer");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login", "auth/refresh", "auth/logout"})
  void aWrongMediaTypeIsUnsupported(String path) {
    Api.Reply reply =
        api.send(
            api.request(path)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("refresh_token=x"))
                .build());
    assertProblem(reply, 415);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login", "auth/refresh", "auth/logout"})
  void aFieldOfTheWrongTypeIsABadRequest(String path) {
    assertProblem(
        api.postJson(path, "{\"username\": {\"a\": 1}, \"password\": [], \"refresh_token\": {}}"),
        400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login", "auth/refresh", "auth/logout"})
  void anOversizedBodyIsRefusedWhetherItsLengthIsDeclaredOrNot(String path) {
    String huge = "{\"refresh_token\": \"" + "x".repeat(20_000) + "\"}";
    assertProblem(api.postJson(path, huge), 413);

    Api.Reply chunked =
        api.send(
            api.request(path)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes())))
                .build());
    assertProblem(chunked, 413);
  }

  /** The same limit on an OAuth endpoint answers in its format: invalid_request, never cached. */
  @Test
  void anOversizedFormAtTheTokenEndpointIsAnOAuthError() {
    Api.Reply reply =
        api.send(
            api.request("oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=refresh_token&refresh_token=" + "x".repeat(20_000)))
                .build());
    assertThat(reply.status()).as(reply.body()).isEqualTo(413);
    assertOAuthError(reply.status(), reply.header("Content-Type"), reply.body(), "413");
    assertThat(reply.body()).contains("The request body exceeds");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void aTooLongRefreshTokenFieldIsABadRequest() {
    assertProblem(api.refresh("y".repeat(600)), 400);
  }

  @Test
  void anUnknownRefreshTokenIsUnauthorized() {
    assertProblem(api.refresh("never-issued"), 401);
    assertThat(api.logout("never-issued").status()).isEqualTo(204);
  }

  @Test
  void passwordsAndUsernamesOutsideThePolicyAreBadRequests() {
    Api.Reply tooShort = api.register(Users.unique("short"), "short");
    assertProblem(tooShort, 400);
    assertThat(tooShort.json().get("invalid_params"))
        .isEqualTo(List.of(Map.of("name", "password", "reason", "must be at least 8 characters")));
    assertProblem(api.register(Users.unique("common"), "password123"), 400);
    assertProblem(api.register(Users.unique("long"), "p".repeat(129)), 400);
    assertProblem(api.register("a b<script>", Users.PASSWORD), 400);
    assertProblem(api.register("ab", Users.PASSWORD), 400);
    assertThat(api.register(Users.unique("long-ok"), "ü".repeat(128)).status()).isEqualTo(201);
  }

  @Test
  void aWrongMethodOrPathIsAProblemNotAPage() {
    assertProblem(api.get("auth/login", null), 405);
    assertProblem(api.get("no/such/thing", null), 404);
    Api.Reply xml =
        api.send(
            api.request("auth/login")
                .header("Content-Type", "application/json")
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertProblem(xml, 406);
  }

  @Test
  void noBadInputDamagesAnAccount() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "intact");
    String name = (String) api.me(login.string("access_token")).json().get("username");

    api.postJson("auth/register", "{\"username\": \"" + name + "\", \"password\": \"x\"}");
    api.postJson("auth/login", "{\"username\": \"" + name + "\", \"password\": ");
    api.postJson("auth/refresh", "{\"refresh_token\": 12}");
    api.postJson("auth/logout", "{\"refresh_token\": null}");

    assertThat(api.login(name, Users.PASSWORD).status()).isEqualTo(200);
    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login", "auth/refresh", "auth/logout"})
  void jsonNestedThousandsOfLevelsDeepIsABadRequest(String path) {
    assertProblem(api.postJson(path, "[".repeat(5000)), 400);
    assertProblem(api.postJson(path, DEEP), 400);
    String field =
        path.endsWith("refresh") || path.endsWith("logout") ? "refresh_token" : "username";
    assertProblem(api.postJson(path, "{\"" + field + "\": " + DEEP + "}"), 400);
  }

  /**
   * JSON that ends inside a property the endpoint does not know: Yasson skips such a property with
   * Parsson's skipObject/skipArray, which never return at the end of the input
   * (eclipse-ee4j/parsson#23). Each of these used to pin a request thread for good and never be
   * answered.
   */
  @ParameterizedTest
  @ValueSource(strings = {"auth/register", "auth/login", "auth/refresh", "auth/logout"})
  void jsonCutShortInsideAnUnknownPropertyIsABadRequest(String path) {
    for (String body : List.of("{\"a\":{\"a\":1", "{\"a\":[1", "{\"a\":{", "{\"a\":[")) {
      assertProblem(api.postJson(path, body), 400);
    }
  }

  @Test
  void aPatchBodyThatIsNoJsonObjectIsABadRequest() {
    String admin = Users.adminToken(api);
    String id = api.register(Users.unique("patched"), Users.PASSWORD).string("id");
    for (String body :
        List.of(
            "\"x\"",
            "[1]",
            "[]",
            "null",
            "12",
            "true",
            "",
            "{",
            DEEP,
            "{\"roles\": " + DEEP + "}",
            "{\"enabled\": " + DEEP + "}")) {
      Api.Reply reply = api.patchJson("admin/users/" + id, body, admin);
      assertProblem(reply, 400);
    }
    assertThat(api.patchJson("admin/users/" + id, "{\"enabled\": false}", admin).status())
        .isEqualTo(200);

    // As a merge patch (RFC 7396), Rotor's own reading, not the runtime's: RESTEasy's filter
    // would merge the body into a GET of the user and answer a body that is no JSON with a 500.
    assertProblem(mergePatch(id, "\u00ff\u0000{", admin), 400);
    Api.Reply merged = mergePatch(id, "{\"enabled\": true}", admin);
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.body()).contains("\"enabled\":true");
  }

  private Api.Reply mergePatch(String id, String body, String bearer) {
    return api.send(
        api.request("admin/users/" + id)
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /**
   * A form with a malformed percent escape, or whose escapes are not UTF-8, is the client's
   * invalid_request: RESTEasy's form reader (WildFly) would answer it with a 500.
   */
  @ParameterizedTest
  @ValueSource(strings = {"oauth2/token", "oauth2/revoke", "oauth2/introspect"})
  void aFormWithAMalformedEscapeIsAnInvalidRequest(String path) {
    for (String form :
        List.of("token=%ZZ", "token=x&client_id=%", "grant_type=refresh_token&token=%FF%FE")) {
      Api.Reply reply =
          api.send(
              api.request(path)
                  .header(
                      "Authorization", OAuthClient.basic(ItServer.SERVICE, ItServer.SERVICE_SECRET))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build());
      assertOAuthError(reply.status(), reply.header("Content-Type"), reply.body(), form);
      assertThat(reply.status()).as(form).isEqualTo(400);
      assertThat(reply.body()).as(form).contains("invalid_request");
    }
  }

  /** A form endpoint sent anything but a form answers OAuth error JSON, never a 500. */
  @ParameterizedTest
  @ValueSource(strings = {"oauth2/token", "oauth2/revoke", "oauth2/introspect"})
  void aBodyThatIsNoFormGetsAnOAuthError(String path) {
    String basic = OAuthClient.basic(ItServer.SERVICE, ItServer.SERVICE_SECRET);
    List<HttpRequest.Builder> requests = new ArrayList<>();
    requests.add(api.request(path).POST(HttpRequest.BodyPublishers.noBody()));
    requests.add(api.request(path).POST(HttpRequest.BodyPublishers.ofString("token=x")));
    for (String type :
        List.of(
            "application/json",
            "text/plain",
            "application/x-www-form-urlencoded; charset=no-such-charset",
            "application/x-www-form-urlencoded; charset=\"",
            "not a media type")) {
      requests.add(
          api.request(path)
              .header("Content-Type", type)
              .POST(HttpRequest.BodyPublishers.ofString("{\"token\": \"x\"}")));
    }
    for (HttpRequest.Builder request : requests) {
      for (boolean authenticated : List.of(false, true)) {
        if (authenticated) {
          request.setHeader("Authorization", basic);
        }
        HttpRequest built = request.build();
        Api.Reply reply = api.send(built);
        if (reply.status() == 401) {
          assertThat(reply.body()).as(built.headers().toString()).contains("invalid_client");
          continue;
        }
        assertOAuthError(
            reply.status(), reply.header("Content-Type"), reply.body(), built.headers().toString());
      }
    }

    // No body at all, not even an empty one: no Content-Length, no Content-Type.
    RawHttp.Reply raw = RawHttp.suite().send("POST", "/" + path, null, "Authorization: " + basic);
    assertOAuthError(raw.status(), raw.header("Content-Type"), raw.body(), "no body");
  }

  @Test
  void aCharsetNobodyKnowsIsUnsupported() {
    Api.Reply reply =
        api.send(
            api.request("auth/login")
                .header("Content-Type", "application/json; charset=no-such-charset")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertProblem(reply, 415);
  }

  /**
   * A form-typed request without a body, whose charset cannot decode its query: Payara decodes the
   * query in that charset, and with UTF-16 every query failed as a 500.
   */
  @Test
  void aQueryTheRequestsCharsetCannotDecodeIsTheClientsError() {
    for (String path : List.of("users/me?a=b", "oauth2/userinfo?x=%E2%82%AC", "auth/login?ab=cd")) {
      Api.Reply reply =
          api.send(
              api.request(path)
                  .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-16")
                  .GET()
                  .build());
      assertThat(reply.status()).as(path + ": " + reply.body()).isBetween(400, 499);
      assertProblem(reply, reply.status());
    }
  }

  /** DELETE defines no body; one that comes with a body anyway is answered as without it. */
  @Test
  void aDeleteWithABodyIsAnsweredAsWithout() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "deleting");
    String access = login.string("access_token");
    String sessionId = login.string("session_id");
    Api.Reply deleted =
        api.send(
            api.request("sessions/" + sessionId)
                .header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"why\": \"done\"}"))
                .build());
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

    String admin = Users.adminToken(api);
    Api.Reply unknown =
        api.send(
            api.request("admin/users/no-such-user")
                .header("Authorization", "Bearer " + admin)
                .method("DELETE", HttpRequest.BodyPublishers.ofString("x"))
                .build());
    assertProblem(unknown, 404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auth/login", "users/me", "admin/users", ".well-known/jwks.json"})
  void requestHeadersOverTheLimitAre431(String path) {
    RawHttp raw = RawHttp.suite();
    assertThat(raw.send("GET", "/" + path, null, "X-Padding: " + "a".repeat(7000)).status())
        .as("under the limit")
        .isNotEqualTo(431);

    assertProblem(raw.send("GET", "/" + path, null, "X-Padding: " + "a".repeat(9000)), 431);
    assertProblem(raw.send("GET", "/" + path, null, "X-Padding: " + "a".repeat(40_000)), 431);
    String[] many = new String[120];
    for (int i = 0; i < many.length; i++) {
      many[i] = "X-Field-" + i + ": " + i;
    }
    assertProblem(raw.send("GET", "/" + path, null, many), 431);
  }

  @Test
  void requestHeadersOverTheLimitAre431InOAuthFormOnTheOAuthEndpoints() {
    RawHttp.Reply reply =
        RawHttp.suite()
            .send(
                "POST",
                "/oauth2/token",
                "grant_type=refresh_token",
                "Content-Type: application/x-www-form-urlencoded",
                "X-Padding: " + "a".repeat(9000));
    assertThat(reply.status()).isEqualTo(431);
    assertOAuthError(reply.status(), reply.header("Content-Type"), reply.body(), "431");
  }

  /**
   * A NUL byte in the path never reaches a resource. WildFly passes it to the WAR (a 404 or 405
   * problem); Payara's Grizzly refuses it before any WAR code runs, with a bare {@code 400 Invalid
   * URI} that no setting changes (docs/platform-notes.md). Either way: no 5xx, no HTML page.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/sessions/%00", "/admin/users/%00", "/%00", "/oauth2/token/%00"})
  void aNulByteInThePathIsRefused(String target) {
    RawHttp.Reply reply = RawHttp.suite().send("GET", target, null);
    assertThat(reply.status()).as(reply.body()).isBetween(400, 405);
    assertThat(reply.body()).doesNotContain("<html", "Exception");
    if (!reply.body().isEmpty() && !target.startsWith("/oauth2/")) {
      assertProblem(reply, reply.status());
    }
    if (reply.body().isEmpty()) {
      assertThat(ItServer.kind()).as("only Payara answers a bare 400").startsWith("payara");
      assertThat(reply.status()).isEqualTo(400);
    }
  }

  /**
   * An id of a shape Rotor never issues (longer than a UUID, not ASCII letters, digits and hyphens,
   * a NUL) names nothing: 404 before any query, where a NUL would reach PostgreSQL and fail there.
   * Payara's Grizzly refuses a NUL in the path itself (the bare 400 above).
   */
  @Test
  void anIdOfAShapeRotorNeverIssuesNamesNothing() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "shapes");
    String user = login.string("access_token");
    String admin = Users.adminToken(api);
    for (String id : List.of("a".repeat(37), "%C3%A9t%C3%A9", "a_b", "a%00b", "%00")) {
      List<String[]> requests =
          List.of(
              new String[] {"DELETE", "/sessions/" + id, user},
              new String[] {"GET", "/admin/users/" + id, admin},
              new String[] {"DELETE", "/admin/users/" + id, admin},
              new String[] {"GET", "/admin/users/" + id + "/sessions", admin},
              new String[] {"DELETE", "/admin/users/" + id + "/sessions", admin});
      for (String[] r : requests) {
        RawHttp.Reply reply =
            RawHttp.suite().send(r[0], r[1], null, "Authorization: Bearer " + r[2]);
        if (id.contains("%00") && ItServer.kind().startsWith("payara")) {
          assertThat(reply.status()).as(r[1]).isEqualTo(400);
          continue;
        }
        assertThat(reply.status()).as(r[0] + " " + r[1] + ": " + reply.body()).isEqualTo(404);
        assertProblem(reply, 404);
      }
    }
  }

  /**
   * A NUL (U+0000) in a JSON string, a form or a query is the client's 400: no field of Rotor's
   * means one, and PostgreSQL answers one in a query parameter with an error (a login as {@code
   * "a\\u0000b"} and an admin search for {@code %00} were 500s).
   */
  @Test
  void aNulInAJsonStringAFormOrAQueryIsABadRequest() {
    for (String path : List.of("auth/login", "auth/register")) {
      assertProblem(
          api.postJson(
              path, "{\"username\":\"a\\u0000b\",\"password\":\"" + Users.PASSWORD + "\"}"),
          400);
    }
    String admin = Users.adminToken(api);
    assertProblem(api.get("admin/users?q=a%00b", admin), 400);
    assertThat(api.get("admin/users?q=a%2500b", admin).status())
        .as("the text %00 is a search like any")
        .isEqualTo(200);
    Api.Reply form =
        api.send(
            api.request("oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=a%00b"))
                .build());
    assertOAuthError(form.status(), form.header("Content-Type"), form.body(), "form");
    assertThat(form.body()).contains("invalid_request");
  }
}
