package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's own sessions and password (OWASP ASVS 7.4.3, 7.5.2). */
@RotorIT
class SessionsIT {

  Api api;

  @Test
  @SuppressWarnings("unchecked")
  void aRefreshRecordsTheSessionsLastUseAndAnAuditEventWithItsOrigin() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "refresher");
    Api.Reply me = api.me(login.string("access_token"));
    String userId = me.string("id");
    String agent = "refresher/1.0 " + "x".repeat(300);

    api.moveClock(Duration.ofHours(1));
    Api.Reply refreshed =
        api.send(
            api.request("auth/refresh")
                .header("Content-Type", "application/json")
                .header("User-Agent", agent)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"refresh_token\":\"" + login.string("refresh_token") + "\"}"))
                .build());

    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    Map<String, Object> session =
        api.get("sessions", refreshed.string("access_token")).list().get(0);
    assertThat(
            Duration.between(
                Instant.parse((String) session.get("created_at")),
                Instant.parse((String) session.get("last_used_at"))))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(59));
    List<Map<String, Object>> events =
        (List<Map<String, Object>>)
            api.get("admin/events?type=REFRESHED&user=" + userId, Users.adminToken(api))
                .json()
                .get("items");
    assertThat(events).hasSize(1);
    assertThat(events.get(0))
        .containsEntry("session_id", login.string("session_id"))
        .containsEntry("username", me.string("username"))
        .containsEntry("client_address", "127.0.0.1")
        .as("the user agent is cut to the 255 characters the log keeps")
        .containsEntry("user_agent", agent.substring(0, 255));
  }

  @Test
  void aUserSeesTheirLiveSessionsWithTheCurrentOneMarked() {
    String name = Users.unique("lister");
    api.register(name, Users.PASSWORD);
    Api.Reply first = api.login(name, Users.PASSWORD);
    Api.Reply second =
        api.send(
            api.request("auth/login")
                .header("Content-Type", "application/json")
                .header("User-Agent", "second-browser/1.0")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + name + "\",\"password\":\"" + Users.PASSWORD + "\"}"))
                .build());
    api.logout(api.login(name, Users.PASSWORD).string("refresh_token"));

    List<Map<String, Object>> sessions = api.get("sessions", second.string("access_token")).list();

    assertThat(sessions).hasSize(2);
    assertThat(sessions)
        .extracting(s -> s.get("id"))
        .containsExactlyInAnyOrder(first.string("session_id"), second.string("session_id"));
    Map<String, Object> current =
        sessions.stream()
            .filter(s -> Boolean.TRUE.equals(s.get("current")))
            .findFirst()
            .orElseThrow();
    assertThat(current)
        .containsEntry("id", second.string("session_id"))
        .containsEntry("user_agent", "second-browser/1.0")
        .containsEntry("ip_address", "127.0.0.1")
        .containsKeys("created_at", "last_used_at", "expires_at");
  }

  @Test
  void aUserRevokesOneOfTheirSessionsAndItsRefreshTokenDies() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "revoker");
    String name = (String) api.me(login.string("access_token")).json().get("username");
    Api.Reply other = api.login(name, Users.PASSWORD);

    Api.Reply revoked =
        api.delete("sessions/" + other.string("session_id"), login.string("access_token"));

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(api.refresh(other.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(200);
  }

  @Test
  void aUserCannotSeeOrRevokeAnotherUsersSession() {
    Api.Reply alice = Users.registeredAndLoggedIn(api, "alice");
    Api.Reply mallory = Users.registeredAndLoggedIn(api, "mallory");

    Api.Reply attempt =
        api.delete("sessions/" + alice.string("session_id"), mallory.string("access_token"));

    assertThat(attempt.status()).isEqualTo(404);
    assertThat(attempt.json()).containsEntry("detail", "No such session.");
    assertThat(api.delete("sessions/no-such-id", mallory.string("access_token")).json())
        .as("the same answer as for a session that does not exist")
        .isEqualTo(attempt.json());
    assertThat(api.get("sessions", mallory.string("access_token")).list())
        .extracting(s -> s.get("id"))
        .containsExactly(mallory.string("session_id"));
    assertThat(api.refresh(alice.string("refresh_token")).status()).isEqualTo(200);
  }

  @Test
  void loggingOutEverywhereEndsEverySession() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "everywhere");
    String name = (String) api.me(login.string("access_token")).json().get("username");
    Api.Reply other = api.login(name, Users.PASSWORD);

    assertThat(api.delete("sessions", login.string("access_token")).status()).isEqualTo(204);

    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.refresh(other.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.get("sessions", login.string("access_token")).list()).isEmpty();
  }

  @Test
  void aPasswordChangeLeavesExactlyTheCurrentSessionAlive() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "changer");
    String name = (String) api.me(login.string("access_token")).json().get("username");
    Api.Reply other = api.login(name, Users.PASSWORD);
    Api.Reply third = api.login(name, Users.PASSWORD);
    String newPassword = "a brand new passphrase";

    Api.Reply changed =
        api.putJson(
            "users/me/password",
            "{\"current_password\":\""
                + Users.PASSWORD
                + "\",\"new_password\":\""
                + newPassword
                + "\"}",
            login.string("access_token"));

    assertThat(changed.status()).as(changed.body()).isEqualTo(204);
    assertThat(api.get("sessions", login.string("access_token")).list())
        .extracting(s -> s.get("id"))
        .containsExactly(login.string("session_id"));
    assertThat(api.refresh(other.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.refresh(third.string("refresh_token")).status()).isEqualTo(401);
    assertThat(api.refresh(login.string("refresh_token")).status()).isEqualTo(200);
    assertThat(api.login(name, Users.PASSWORD).status()).isEqualTo(401);
    assertThat(api.login(name, newPassword).status()).isEqualTo(200);
  }

  @Test
  void aPasswordChangeNeedsTheCurrentPasswordAndANewOneWithinThePolicy() {
    String token = Users.registeredAndLoggedIn(api, "careful").string("access_token");

    Api.Reply wrong =
        api.putJson(
            "users/me/password",
            "{\"current_password\":\"not it at all\",\"new_password\":\"another fine passphrase\"}",
            token);
    Api.Reply weak =
        api.putJson(
            "users/me/password",
            "{\"current_password\":\"" + Users.PASSWORD + "\",\"new_password\":\"password1\"}",
            token);
    Api.Reply missing = api.putJson("users/me/password", "{}", token);

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("current_password");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.body()).contains("new_password");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("current_password", "new_password");
    assertThat(api.putJson("users/me/password", "{}", null).status()).isEqualTo(401);
  }
}
