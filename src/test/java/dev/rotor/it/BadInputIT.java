package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
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
}
