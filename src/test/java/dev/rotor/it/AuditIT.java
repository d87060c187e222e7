package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RawHttp;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import dev.rotor.users.control.LoginThrottle;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every authentication event is logged with its context and no secret (ASVS 16.3.1). */
@RotorIT
class AuditIT {

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> events(String query) {
    Api.Reply page = api.get("admin/events?" + query, admin);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return (List<Map<String, Object>>) page.json().get("items");
  }

  @Test
  void everyKindOfEventIsRecordedWithItsContextAndNoSecret() {
    String name = Users.unique("audited");
    Api.Reply registered = api.register(name, Users.PASSWORD);
    String id = registered.string("id");
    api.login(name, "a wrong password here");
    Api.Reply login =
        api.send(
            api.request("auth/login")
                .header("Content-Type", "application/json")
                .header("User-Agent", "audit-agent/2.0")
                .header("X-Forwarded-For", "203.0.113.9")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + name + "\",\"password\":\"" + Users.PASSWORD + "\"}"))
                .build());
    String spent = login.string("refresh_token");
    Api.Reply refreshed = api.refresh(spent);
    api.refresh(spent);
    Api.Reply again = api.login(name, Users.PASSWORD);
    api.logout(again.string("refresh_token"));
    Api.Reply third = api.login(name, Users.PASSWORD);
    api.delete("sessions/" + third.string("session_id"), third.string("access_token"));
    Api.Reply fourth = api.login(name, Users.PASSWORD);
    api.putJson(
        "users/me/password",
        "{\"current_password\":\""
            + Users.PASSWORD
            + "\",\"new_password\":\"yet another passphrase\"}",
        fourth.string("access_token"));
    api.patchJson("admin/users/" + id, "{\"enabled\": false}", admin);

    List<Map<String, Object>> events = events("user=" + id + "&size=200");

    assertThat(events)
        .extracting(e -> e.get("type"))
        .contains(
            "REGISTERED",
            "LOGIN_FAILED",
            "LOGIN_SUCCEEDED",
            "REFRESHED",
            "REFRESH_REPLAYED",
            "LOGOUT",
            "SESSION_REVOKED",
            "PASSWORD_CHANGED",
            "ADMIN_ACTION");
    assertThat(events)
        .extracting(e -> Instant.parse((String) e.get("time")))
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    Map<String, Object> loginEvent =
        events.stream()
            .filter(e -> "LOGIN_SUCCEEDED".equals(e.get("type")))
            .filter(e -> login.string("session_id").equals(e.get("session_id")))
            .findFirst()
            .orElseThrow();
    assertThat(loginEvent)
        .containsEntry("username", name)
        .containsEntry("user_agent", "audit-agent/2.0")
        .as("X-Forwarded-For is not trusted from a client that is not a configured proxy")
        .containsEntry("client_address", "127.0.0.1");
    assertThat(
            events.stream()
                .filter(e -> "LOGIN_FAILED".equals(e.get("type")))
                .findFirst()
                .orElseThrow())
        .containsEntry("reason", "wrong password");

    String everything = api.get("admin/events?user=" + id + "&size=200", admin).body();
    for (String secret :
        List.of(
            Users.PASSWORD,
            "a wrong password here",
            "yet another passphrase",
            spent,
            refreshed.string("refresh_token"),
            login.string("access_token"),
            "$argon2id")) {
      assertThat(everything).doesNotContain(secret);
    }
  }

  /**
   * Behind a trusted proxy, X-Forwarded-For is one list across all its header lines: the client's
   * own first line cannot name its address when the proxy added the real one as a line of its own.
   */
  @Test
  void forwardedForIsReadAcrossEveryHeaderLine() {
    String name = Users.unique("proxied");
    String id = api.register(name, Users.PASSWORD).string("id");
    String body = "{\"username\":\"" + name + "\",\"password\":\"" + Users.PASSWORD + "\"}";

    RawHttp.Reply login =
        RawHttp.suiteFrom(ItServer.TRUSTED_PROXY)
            .send(
                "POST",
                "/auth/login",
                body,
                "Content-Type: application/json",
                "X-Forwarded-For: 6.6.6.6",
                "X-Forwarded-For: 203.0.113.9");
    assertThat(login.status()).as(login.body()).isEqualTo(200);

    assertThat(events("type=LOGIN_SUCCEEDED&user=" + id))
        .singleElement()
        .satisfies(e -> assertThat(e).containsEntry("client_address", "203.0.113.9"));
  }

  /**
   * People type passwords into the username field: a failed login's name is kept as typed only when
   * it names an account, otherwise as a digest.
   */
  @Test
  void aFailedLoginKeepsTheTypedNameOnlyWhenItNamesAnAccount() {
    String known = Users.unique("typed");
    api.register(known, Users.PASSWORD);
    String mistyped = Users.unique("my secret passphrase");
    Instant before = Instant.now().minusSeconds(1);

    api.login(known, "a wrong password here");
    api.login(mistyped, Users.PASSWORD);

    List<Object> names =
        events("type=LOGIN_FAILED&size=200&from=" + before).stream()
            .map(e -> e.get("username"))
            .toList();
    assertThat(names).contains(known, LoginThrottle.digestName(mistyped)).doesNotContain(mistyped);
  }

  @Test
  void eventsFilterByTypeAndTimeAndPage() {
    String name = Users.unique("paged");
    String id = api.register(name, Users.PASSWORD).string("id");
    Instant before = Instant.now().minusSeconds(1);
    for (int i = 0; i < 3; i++) {
      api.login(name, "wrong wrong wrong " + i);
    }

    List<Map<String, Object>> failures = events("type=LOGIN_FAILED&user=" + id);
    assertThat(failures)
        .hasSize(3)
        .allSatisfy(e -> assertThat(e).containsEntry("type", "LOGIN_FAILED"));

    Api.Reply page = api.get("admin/events?user=" + id + "&size=2&page=1", admin);
    assertThat(page.json()).containsEntry("total", 4L).containsEntry("page", 1L);
    assertThat(events("user=" + id + "&size=2&page=1")).hasSize(2);

    String from = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
    assertThat(events("user=" + id + "&from=" + from)).hasSize(4);
    assertThat(events("user=" + id + "&to=" + from)).isEmpty();

    assertThat(api.get("admin/events?type=NOPE", admin).status()).isEqualTo(400);
    assertThat(api.get("admin/events?from=yesterday", admin).status()).isEqualTo(400);
    assertThat(api.get("admin/events?size=1000", admin).status()).isEqualTo(400);
  }
}
