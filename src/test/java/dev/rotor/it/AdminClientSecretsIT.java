package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client's secret rotated by an admin: the old one overlaps until its expiry, then stops. */
@RotorIT
class AdminClientSecretsIT {

  Api api;
  String admin;

  @BeforeEach
  void admin() {
    admin = Users.adminToken(api);
  }

  private Api.Reply confidential() {
    Api.Reply created = api.postJson("admin/clients", "{\"client_name\":\"Rotating\"}", admin);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  private Api.Reply rotate(String id, String json) {
    return api.postJson("admin/clients/" + id + "/secret", json, admin);
  }

  private Api.Reply rotated(String id, long overlapSeconds) {
    Api.Reply rotated = rotate(id, "{\"previous_secret_expires_in\":" + overlapSeconds + "}");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    return rotated;
  }

  /** Introspection asks nothing of a client but its authentication: 200, or 401 for a bad one. */
  private Api.Reply introspectAs(String id, String secret) {
    String basic =
        Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return api.send(
        api.request("oauth2/introspect")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + basic)
            .POST(HttpRequest.BodyPublishers.ofString("token=not-a-token"))
            .build());
  }

  /**
   * A refresh authenticated by Basic, the method the client registered: 400 invalid_grant once the
   * client is authenticated.
   */
  private Api.Reply tokenAs(String id, String secret) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (id + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
    return api.send(
        api.request("oauth2/token")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + basic)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=refresh_token&refresh_token=unknown"))
            .build());
  }

  @Test
  void bothSecretsWorkDuringTheOverlapThenOnlyTheNewOne() {
    Api.Reply created = confidential();
    String id = created.string("client_id");
    String old = created.string("client_secret");

    // Rotated "eleven minutes ago" with ten minutes of overlap: moving the clock back to now then
    // moves it past the expiry, and every token of the test stays fresh.
    api.moveClock(Duration.ofMinutes(-11));
    Api.Reply rotated = rotated(id, 600);
    String fresh = rotated.string("client_secret");
    assertThat(fresh).isNotEqualTo(old);
    assertThat(Base64.getUrlDecoder().decode(fresh)).as("256 bits").hasSize(32);
    assertThat(rotated.header("Cache-Control")).isEqualTo("no-store");
    Instant expiresAt = Instant.parse(rotated.string("previous_secret_expires_at"));
    assertThat(expiresAt)
        .isBetween(Instant.now().minus(Duration.ofMinutes(2)), Instant.now().minusSeconds(1));

    Api.Reply read = api.get("admin/clients/" + id, admin);
    assertThat(read.json())
        .containsEntry("previous_secret_expires_at", rotated.string("previous_secret_expires_at"))
        .doesNotContainKey("client_secret");
    assertThat(read.body()).doesNotContain(fresh).doesNotContain(old);
    assertThat(introspectAs(id, old).status()).as("the old secret overlaps").isEqualTo(200);
    assertThat(introspectAs(id, fresh).status()).isEqualTo(200);
    assertThat(tokenAs(id, old).body()).contains("invalid_grant");

    api.moveClock(Duration.ZERO);

    Api.Reply refused = tokenAs(id, old);
    assertThat(refused.status()).as(refused.body()).isEqualTo(401);
    assertThat(refused.string("error")).isEqualTo("invalid_client");
    assertThat(introspectAs(id, old).status()).isEqualTo(401);
    assertThat(introspectAs(id, fresh).status()).isEqualTo(200);
    assertThat(tokenAs(id, fresh).body()).contains("invalid_grant");
    assertThat(api.get("admin/clients/" + id, admin).json())
        .as("the overlap is over")
        .doesNotContainKey("previous_secret_expires_at");
  }

  @Test
  void noOverlapStopsTheOldSecretAtOnce() {
    Api.Reply created = confidential();
    String id = created.string("client_id");
    String old = created.string("client_secret");

    Api.Reply rotated = rotated(id, 0);

    assertThat(rotated.json()).doesNotContainKey("previous_secret_expires_at");
    assertThat(introspectAs(id, old).status()).isEqualTo(401);
    assertThat(introspectAs(id, rotated.string("client_secret")).status()).isEqualTo(200);
    assertThat(api.get("admin/clients/" + id, admin).json())
        .doesNotContainKey("previous_secret_expires_at");
  }

  @Test
  void aSecondRotationDuringTheOverlapEndsTheOldestSecret() {
    Api.Reply created = confidential();
    String id = created.string("client_id");
    String first = created.string("client_secret");
    String second = rotated(id, 600).string("client_secret");

    String third = rotated(id, 600).string("client_secret");

    assertThat(introspectAs(id, first).status()).isEqualTo(401);
    assertThat(introspectAs(id, second).status()).isEqualTo(200);
    assertThat(introspectAs(id, third).status()).isEqualTo(200);
  }

  @Test
  void withoutABodyTheOldSecretOverlapsForTwoDays() {
    String id = confidential().string("client_id");

    Api.Reply rotated = api.post("admin/clients/" + id + "/secret", admin);

    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    assertThat(Instant.parse(rotated.string("previous_secret_expires_at")))
        .isBetween(
            Instant.now().plus(Duration.ofDays(2)).minusSeconds(60),
            Instant.now().plus(Duration.ofDays(2)).plusSeconds(60));
    assertThat(rotate(id, "{}").status()).isEqualTo(200);
  }

  @Test
  void badBodiesAre400NamingTheField() {
    String id = confidential().string("client_id");
    for (String body :
        List.of(
            "{\"previous_secret_expires_in\":-1}",
            "{\"previous_secret_expires_in\":2592001}",
            "{\"previous_secret_expires_in\":1.5}",
            "{\"previous_secret_expires_in\":\"60\"}",
            "{\"previous_secret_expires_in\":true}")) {
      Api.Reply refused = rotate(id, body);
      assertThat(refused.status()).as(body + " " + refused.body()).isEqualTo(400);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.body()).as(body).contains("\"previous_secret_expires_in\"");
    }
    Api.Reply other = rotate(id, "{\"client_secret\":\"mine\"}");
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.body()).contains("\"client_secret\"");
    Api.Reply notJson =
        api.send(
            api.request("admin/clients/" + id + "/secret")
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"previous_secret_expires_in\":0}"))
                .build());
    assertThat(notJson.status()).as("a body must be JSON").isEqualTo(415);
    assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
    assertThat(rotate(id, "[]").status()).isEqualTo(400);
    assertThat(rotate(id, "{").status()).isEqualTo(400);
    assertThat(rotate(id, "{\"previous_secret_expires_in\":2592000}").status())
        .as("30 days is the limit, not past it")
        .isEqualTo(200);
  }

  @Test
  void configuredAndPublicClientsAre409AndUnknownOnes404() {
    for (String configured : List.of("rotor-app", ItServer.SERVICE)) {
      Api.Reply refused = rotate(configured, "{}");
      assertThat(refused.status()).as(configured).isEqualTo(409);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    }
    Api.Reply publicClient =
        api.postJson("admin/clients", "{\"token_endpoint_auth_method\":\"none\"}", admin);
    assertThat(publicClient.status()).as(publicClient.body()).isEqualTo(201);
    Api.Reply refused = rotate(publicClient.string("client_id"), "{}");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("no secret to rotate");

    assertThat(rotate(UUID.randomUUID().toString(), "{}").status()).isEqualTo(404);
  }

  @Test
  void onlyAnAdminRotatesAndEachRotationIsAudited() {
    Api.Reply created = confidential();
    String id = created.string("client_id");
    String user = Users.registeredAndLoggedIn(api, "not-admin").string("access_token");
    assertThat(api.postJson("admin/clients/" + id + "/secret", "{}", user).status()).isEqualTo(403);
    assertThat(api.postJson("admin/clients/" + id + "/secret", "{}").status()).isEqualTo(401);
    assertThat(introspectAs(id, created.string("client_secret")).status())
        .as("refused attempts changed nothing")
        .isEqualTo(200);

    rotated(id, 0);

    Api.Reply events = api.get("admin/events?type=CLIENT_SECRET_ROTATED&size=200", admin);
    assertThat(events.status()).isEqualTo(200);
    assertThat(events.body())
        .contains("client " + id)
        .doesNotContain(created.string("client_secret"));
  }
}
