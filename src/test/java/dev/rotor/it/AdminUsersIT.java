package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User administration by an admin (OWASP ASVS 7.4.2, 7.4.5). */
@RotorIT
class AdminUsersIT {

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  String create(String name, String roles) {
    return Users.createdByAdmin(api, admin, name, roles).string("id");
  }

  @Test
  void aDemotedAdminLosesAdminAccessAtOnceThoughItsTokenIsUnexpired() {
    String name = Users.unique("demoted");
    String id = create(name, "[\"admin\",\"user\"]");
    String token = api.login(name, Users.PASSWORD).string("access_token");
    assertThat(api.get("admin/users?size=1", token).status()).isEqualTo(200);

    assertThat(api.patchJson("admin/users/" + id, "{\"roles\":[\"user\"]}", admin).status())
        .isEqualTo(200);

    assertThat(api.get("admin/users?size=1", token).status()).isEqualTo(403);
    assertThat(api.me(token).status()).as("still a user").isEqualTo(200);
  }

  @Test
  void aDemotedAdminNoLongerIntrospectsThoughItsTokenIsUnexpired() {
    String name = Users.unique("demoted-introspector");
    String id = create(name, "[\"admin\",\"user\"]");
    String token = api.login(name, Users.PASSWORD).string("access_token");
    String someToken = Users.registeredAndLoggedIn(api, "introspected").string("access_token");
    assertThat(introspect(someToken, token).json()).containsEntry("active", true);

    assertThat(api.patchJson("admin/users/" + id, "{\"roles\":[\"user\"]}", admin).status())
        .isEqualTo(200);

    Api.Reply refused = introspect(someToken, token);
    assertThat(refused.status()).as(refused.body()).isEqualTo(401);
    assertThat(refused.json()).containsEntry("error", "invalid_client");
  }

  private Api.Reply introspect(String token, String bearer) {
    return api.send(
        api.request("oauth2/introspect")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Bearer " + bearer)
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
            .build());
  }

  @Test
  void aDisabledAdminCannotEnableThemselvesAgain() {
    String name = Users.unique("disabled-admin");
    String id = create(name, "[\"admin\",\"user\"]");
    String token = api.login(name, Users.PASSWORD).string("access_token");

    assertThat(api.patchJson("admin/users/" + id, "{\"enabled\":false}", admin).status())
        .isEqualTo(200);

    assertThat(api.patchJson("admin/users/" + id, "{\"enabled\":true}", token).status())
        .isEqualTo(403);
    assertThat(api.get("admin/users/" + id, admin).json()).containsEntry("enabled", false);
  }

  @Test
  void aLoginCheckedBeforeAPasswordChangeOrADisableOpensNoSession() {
    String name = Users.unique("raced");
    String token = Users.registeredAndLoggedIn(api, name).string("access_token");
    String user = api.me(token).string("username");
    String checked = passwordHash(user);
    assertThat(startSession(user, checked)).as("nothing changed: it opens").isEqualTo(201);

    assertThat(
            api.putJson(
                    "users/me/password",
                    "{\"current_password\":\""
                        + Users.PASSWORD
                        + "\",\"new_password\":\"quite another passphrase\"}",
                    token)
                .status())
        .isEqualTo(204);
    assertThat(startSession(user, checked)).as("the password changed meanwhile").isEqualTo(409);

    String current = passwordHash(user);
    String id =
        api.me(api.login(user, "quite another passphrase").string("access_token")).string("id");
    assertThat(api.patchJson("admin/users/" + id, "{\"enabled\":false}", admin).status())
        .isEqualTo(200);
    assertThat(startSession(user, current)).as("the account was disabled meanwhile").isEqualTo(409);
  }

  private String passwordHash(String username) {
    Api.Reply hash = api.get("test/password-hash/" + username, null);
    assertThat(hash.status()).isEqualTo(200);
    return hash.body();
  }

  private int startSession(String username, String checkedHash) {
    return api.send(
            api.request("test/session-start/" + username)
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(checkedHash))
                .build())
        .status();
  }

  @Test
  void anAdminCreatesFindsAndReadsUsers() {
    String tag = Users.unique("zq");
    String id = create(tag + "-one", "[\"user\"]");
    create(tag + "-two", "[\"user\"]");

    Api.Reply page = api.get("admin/users?q=" + tag.toUpperCase() + "&size=1", admin);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json())
        .containsEntry("total", 2L)
        .containsEntry("size", 1L)
        .containsEntry("page", 0L);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items = (List<Map<String, Object>>) page.json().get("items");
    assertThat(items).extracting(u -> u.get("username")).containsExactly(tag + "-one");
    Api.Reply second = api.get("admin/users?q=" + tag + "&size=1&page=1", admin);
    assertThat(second.body()).contains(tag + "-two");

    assertThat(api.get("admin/users/" + id, admin).json()).containsEntry("username", tag + "-one");
    assertThat(api.get("admin/users/nope", admin).status()).isEqualTo(404);
    assertThat(api.login(tag + "-one", Users.PASSWORD).status()).isEqualTo(200);
    assertThat(api.get("admin/users?size=0", admin).status()).isEqualTo(400);
    assertThat(api.get("admin/users?size=0", admin).body()).contains("\"name\":\"size\"");
  }

  @Test
  void aSearchMatchesUnderscoresLiterally() {
    String tag = Users.unique("us");
    create(tag + "_x", "[\"user\"]");
    create(tag + "ax", "[\"user\"]");

    Api.Reply found = api.get("admin/users?q=" + tag + "_x", admin);

    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json()).containsEntry("total", 1L);
    assertThat(found.body()).contains(tag + "_x").doesNotContain(tag + "ax");
  }

  @Test
  void disablingAUserEndsTheirSessionsAtOnceAndKeepsThemOut() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "disabled");
    String id = (String) api.me(login.string("access_token")).json().get("id");
    String name = (String) api.me(login.string("access_token")).json().get("username");

    Api.Reply disabled = api.patchJson("admin/users/" + id, "{\"enabled\": false}", admin);

    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.login(name, Users.PASSWORD).status()).isEqualTo(401);

    assertThat(api.patchJson("admin/users/" + id, "{\"enabled\": true}", admin).status())
        .isEqualTo(200);
    assertThat(api.login(name, Users.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void deletingAUserEndsEverything() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "deleted");
    String id = (String) api.me(login.string("access_token")).json().get("id");

    assertThat(api.delete("admin/users/" + id, admin).status()).isEqualTo(204);

    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.get("admin/users/" + id, admin).status()).isEqualTo(404);
    Api.Reply me = api.me(login.string("access_token"));
    assertThat(me.status()).as("a still valid token of a deleted account").isEqualTo(401);
    assertThat(me.header("Content-Type")).startsWith("application/problem+json");
    assertThat(me.string("detail")).isEqualTo("The account no longer exists.");
  }

  @Test
  void anAdminsChangeShowsInUsersMeAtOnceDespiteTheProfileCache() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "promoted");
    String token = login.string("access_token");
    String id = api.me(token).string("id");
    assertThat(api.me(token).json()).containsEntry("enabled", true);

    assertThat(
            api.patchJson("admin/users/" + id, "{\"roles\": [\"user\", \"admin\"]}", admin)
                .status())
        .isEqualTo(200);
    assertThat(api.me(token).json()).containsEntry("roles", java.util.List.of("admin", "user"));

    assertThat(api.patchJson("admin/users/" + id, "{\"enabled\": false}", admin).status())
        .isEqualTo(200);
    assertThat(api.me(token).json()).containsEntry("enabled", false);
  }

  @Test
  void usersMeShowsTheProfileAndNeverTheHash() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "profile");

    Api.Reply me = api.me(login.string("access_token"));

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json())
        .containsOnlyKeys("id", "username", "roles", "enabled", "created_at")
        .containsEntry("roles", java.util.List.of("user"))
        .containsEntry("enabled", true);
    assertThat(me.string("username")).startsWith("profile");
    assertThat(java.time.Instant.parse(me.string("created_at")))
        .isBefore(java.time.Instant.now().plusSeconds(1));
  }

  @Test
  void anAdminListsAndRevokesAUsersSessions() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "watched");
    String id = (String) api.me(login.string("access_token")).json().get("id");

    Api.Reply sessions = api.get("admin/users/" + id + "/sessions", admin);
    assertThat(sessions.list())
        .extracting(s -> s.get("id"))
        .containsExactly(login.string("session_id"));

    assertThat(api.delete("admin/users/" + id + "/sessions", admin).status()).isEqualTo(204);
    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.get("admin/users/" + id + "/sessions", admin).list()).isEmpty();
  }

  @Test
  void rolesCanBeSetAndAreCheckedAgainstTheKnownOnes() {
    String id = create(Users.unique("promoted"), "[\"user\"]");

    assertThat(
            api.patchJson("admin/users/" + id, "{\"roles\": [\"user\", \"admin\"]}", admin)
                .json()
                .get("roles"))
        .isEqualTo(List.of("admin", "user"));
    assertThat(api.patchJson("admin/users/" + id, "{\"roles\": [\"root\"]}", admin).status())
        .isEqualTo(400);
    Api.Reply nullRole =
        api.postJson(
            "admin/users",
            "{\"username\":\""
                + Users.unique("null-role")
                + "\",\"password\":\""
                + Users.PASSWORD
                + "\",\"roles\":[null]}",
            admin);
    assertThat(nullRole.status()).as(nullRole.body()).isEqualTo(400);
    assertThat(nullRole.body()).contains("\"name\":\"roles\"");
    assertThat(api.patchJson("admin/users/" + id, "{\"enabled\": \"maybe\"}", admin).status())
        .isEqualTo(400);
    assertThat(api.patchJson("admin/users/" + id, "{\"roles\": [\"user\"]}", admin).status())
        .isEqualTo(200);
  }

  @Test
  void theLastEnabledAdminIsProtected() {
    String otherAdmin = create(Users.unique("admin2"), "[\"user\", \"admin\"]");
    String suiteAdmin = (String) api.me(admin).json().get("id");

    assertThat(api.patchJson("admin/users/" + otherAdmin, "{\"enabled\": false}", admin).status())
        .as("another enabled admin remains")
        .isEqualTo(200);
    Api.Reply self = api.patchJson("admin/users/" + suiteAdmin, "{\"enabled\": false}", admin);
    assertThat(self.status()).as(self.body()).isEqualTo(409);
    assertThat(api.delete("admin/users/" + suiteAdmin, admin).status()).isEqualTo(409);
    assertThat(
            api.patchJson("admin/users/" + suiteAdmin, "{\"roles\": [\"user\"]}", admin).status())
        .isEqualTo(409);
    assertThat(api.delete("admin/users/" + otherAdmin, admin).status()).isEqualTo(204);
  }

  @Test
  void everyAdminEndpointNeedsTheAdminRole() {
    String user = Users.registeredAndLoggedIn(api, "plain").string("access_token");
    for (String path :
        List.of("admin/users", "admin/users/x", "admin/users/x/sessions", "admin/events")) {
      assertThat(api.get(path, user).status()).as(path).isEqualTo(403);
      assertThat(api.get(path, null).status()).as(path).isEqualTo(401);
    }
    assertThat(api.delete("admin/users/x", user).status()).isEqualTo(403);
  }
}
