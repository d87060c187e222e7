package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The purge, driven through {@code POST /admin/purge} with the server's clock moved. */
@RotorIT
class PurgeIT {

  private static final String NOT_KNOWN = "The refresh token is not known.";
  private static final String REPLAYED =
      "The refresh token was already used; the session is revoked.";

  Api api;

  /** Logs a new user in with the server's clock at the given offset from now. */
  Api.Reply loginAt(Duration offset, String prefix) {
    api.moveClock(offset);
    try {
      return Users.registeredAndLoggedIn(api, prefix);
    } finally {
      api.moveClock(Duration.ZERO);
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> purge() {
    Api.Reply reply = api.post("admin/purge", Users.adminToken(api));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  static long removed(Map<String, Object> result, String kind) {
    @SuppressWarnings("unchecked")
    Map<String, Object> removed = (Map<String, Object>) result.get("removed");
    return (Long) removed.get(kind);
  }

  @Test
  void deadRowsOfEveryKindGoAndLiveOnesStay() {
    String live = Users.registeredAndLoggedIn(api, "live").string("refresh_token");

    String idle = loginAt(Duration.ofDays(-15), "idle").string("refresh_token");
    assertThat(api.refresh(idle).string("detail")).contains("expired");

    Api.Reply recent = Users.registeredAndLoggedIn(api, "recent");
    String recentSpent = recent.string("refresh_token");
    String recentLive = api.refresh(recentSpent).string("refresh_token");

    api.moveClock(Duration.ofDays(-22));
    Api.Reply old = Users.registeredAndLoggedIn(api, "old");
    String oldSpent = old.string("refresh_token");
    assertThat(api.refresh(oldSpent).status()).isEqualTo(200);
    api.moveClock(Duration.ofDays(-38));
    Api.Reply older = Users.registeredAndLoggedIn(api, "older");
    String olderSpent = older.string("refresh_token");
    assertThat(api.refresh(olderSpent).status()).isEqualTo(200);
    api.moveClock(Duration.ofDays(-8));
    String revoked = Users.registeredAndLoggedIn(api, "revoked").string("refresh_token");
    assertThat(api.logout(revoked).status()).isEqualTo(204);
    api.moveClock(Duration.ZERO);

    String ended = loginAt(Duration.ofDays(-38), "ended").string("refresh_token");

    Map<String, Object> result = purge();

    assertThat(removed(result, "expired_tokens"))
        .as("idle, old successor, ended")
        .isGreaterThanOrEqualTo(3);
    assertThat(removed(result, "spent_tokens")).as("older").isGreaterThanOrEqualTo(1);
    assertThat(removed(result, "revoked_session_tokens")).as("revoked").isGreaterThanOrEqualTo(1);
    assertThat(removed(result, "sessions")).as("revoked, ended").isGreaterThanOrEqualTo(2);
    assertThat(result).containsEntry("finished", true).containsKeys("duration_ms", "total");

    for (String gone : List.of(idle, olderSpent, revoked, ended)) {
      assertThat(api.refresh(gone).string("detail")).isEqualTo(NOT_KNOWN);
    }
    assertThat(api.refresh(oldSpent).string("detail"))
        .as("a token spent on day 8 of a 30-day session is kept while the session could live")
        .isEqualTo(REPLAYED);
    assertThat(api.refresh(live).status()).as("a live session survives").isEqualTo(200);
    assertThat(api.refresh(recentSpent).string("detail"))
        .as("a replay inside the retention is still recognised")
        .isEqualTo(REPLAYED);
    assertThat(api.refresh(recentLive).status()).as("and it revoked its session").isEqualTo(401);

    Map<String, Object> again = purge();
    for (String kind :
        List.of("expired_tokens", "spent_tokens", "revoked_session_tokens", "sessions")) {
      // Not the throttle's kinds: the admin's login for this purge made an address row anew.
      assertThat(removed(again, kind)).as("nothing is removed twice: " + kind).isZero();
    }
  }

  @Test
  void initialAccessTokensGoOnceTheyEndedLongerAgoThanTheRetention() {
    String admin = Users.adminToken(api);
    api.moveClock(Duration.ofDays(-10));
    String expired = issuedInitialAccessToken(admin, "{\"expires_in\":60}");
    String revoked = issuedInitialAccessToken(admin, "{}");
    assertThat(api.delete("admin/clients/initial-access-tokens/" + revoked, admin).status())
        .isEqualTo(204);
    String stillValid = issuedInitialAccessToken(admin, "{\"expires_in\":2592000}");
    api.moveClock(Duration.ofDays(-3));
    String endedRecently = issuedInitialAccessToken(admin, "{\"expires_in\":60}");
    api.moveClock(Duration.ZERO);

    Map<String, Object> result = purge();

    assertThat(removed(result, "initial_access_tokens")).isGreaterThanOrEqualTo(2);
    for (String gone : List.of(expired, revoked)) {
      assertThat(api.delete("admin/clients/initial-access-tokens/" + gone, admin).status())
          .as("purged")
          .isEqualTo(404);
    }
    for (String kept : List.of(stillValid, endedRecently)) {
      assertThat(api.delete("admin/clients/initial-access-tokens/" + kept, admin).status())
          .as("live, or ended within the retention")
          .isEqualTo(204);
    }
  }

  private String issuedInitialAccessToken(String admin, String json) {
    Api.Reply issued = api.postJson("admin/clients/initial-access-tokens", json, admin);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.string("id");
  }

  @Test
  void purgingNeedsTheAdminRole() {
    String user = Users.registeredAndLoggedIn(api, "not-admin").string("access_token");

    assertThat(api.post("admin/purge", user).status()).isEqualTo(403);
    assertThat(api.post("admin/purge", null).status()).isEqualTo(401);
  }

  @Test
  void twoPurgesAtOnceShareTheWorkWithoutErrorOrDeadlock() throws Exception {
    assumeTrue(ItDatabase.isPostgres(), "concurrent purge runs are a PostgreSQL matter");
    int seeded = 30_000;
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    try (Connection db = ItDatabase.connect(ItDatabase.SUITE);
        Statement sql = db.createStatement()) {
      sql.execute(
          "INSERT INTO rotor_user (id, username, username_key, password_hash, roles, enabled, created_at)"
              + " VALUES ('u-"
              + suffix
              + "', 'seed-"
              + suffix
              + "', 'seed-"
              + suffix
              + "', 'x', 'user', true, 0)");
      sql.execute(
          "INSERT INTO rotor_session (id, user_id, client_id, scope, created_at, last_used_at, expires_at)"
              + " VALUES ('s-"
              + suffix
              + "', 'u-"
              + suffix
              + "', 'rotor-app', 'profile', 0, 0, 9000000000000)");
      sql.execute(
          "INSERT INTO refresh_token (session_id, token_hash, created_at, expires_at)"
              + " SELECT 's-"
              + suffix
              + "', 'h-"
              + suffix
              + "-' || g, 0, 1 FROM generate_series(1, "
              + seeded
              + ") g");
      long dead =
          count(
              sql, "SELECT count(*) FROM refresh_token WHERE expires_at < 2 AND spent_at IS NULL");
      assertThat(dead).isGreaterThanOrEqualTo(seeded);

      String admin = Users.adminToken(api);
      CompletableFuture<Api.Reply> first =
          CompletableFuture.supplyAsync(() -> api.post("admin/purge", admin));
      CompletableFuture<Api.Reply> second =
          CompletableFuture.supplyAsync(() -> api.post("admin/purge", admin));
      Api.Reply a = first.get();
      Api.Reply b = second.get();

      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(b.status()).as(b.body()).isEqualTo(200);
      assertThat(removed(a.json(), "expired_tokens") + removed(b.json(), "expired_tokens"))
          .as("every dead row deleted exactly once between the two runs")
          .isEqualTo(dead);
      assertThat(count(sql, "SELECT count(*) FROM refresh_token WHERE expires_at < 2")).isZero();
    }
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
