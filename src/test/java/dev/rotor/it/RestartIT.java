package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.DatabaseAvailable;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorProcess;
import dev.rotor.it.support.Users;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped uber jar, restarted, signing with ES256: the key and every token survive, on H2 and
 * PostgreSQL, and ES256 tokens work at /users/me and the admin API; its purge timer fires on its
 * own and counts into the metrics, which this server opens (with the OpenAPI document); and a wrong
 * key-encryption secret keeps it from starting.
 *
 * <p>A start takes most of a minute, so the class restarts once: a first server issues tokens and
 * rotates its key, a start with the wrong secret is tried, then the restarted server stays up for
 * every test. The set-up writes the fields once; each test spends only its own tokens, so no test
 * depends on another or on their order.
 */
@ExtendWith(DatabaseAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestartIT {

  private static final String SECRET = "ROTOR_KEYS_ENCRYPTION_SECRET";

  private String accessBeforeRestart;
  private String rotatedAccessBeforeRestart;
  private String refreshBeforeRestart;
  private String graceRefreshBeforeRestart;
  private boolean wrongSecretLoggedCannotDecrypt;
  private boolean wrongSecretServedKeys;
  private RotorProcess restarted;
  private Api api;

  @BeforeAll
  void restart() throws Exception {
    Map<String, String> environment =
        new HashMap<>(ItDatabase.serverEnvironment(ItDatabase.RESTART));
    // Only the restarted server purges on its own: a server stopped in the middle of a purge
    // would keep the purge lease from it for minutes.
    environment.put("ROTOR_PURGE_INITIAL_DELAY", "PT1H");
    environment.put("ROTOR_ADMIN_USERNAME", Users.ADMIN);
    environment.put("ROTOR_ADMIN_PASSWORD", Users.ADMIN_PASSWORD);
    environment.put("ROTOR_KEYS_PUBLISH_AHEAD", "PT0S");
    environment.put(SECRET, "restart-test-key-encryption-secret");
    // ES256 here, RS256 (the default) everywhere else: MicroProfile JWT must verify both.
    environment.put("ROTOR_KEYS_ALGORITHM", "ES256");
    // Closed by default (OperationsIT); opened here, where the purge timer also fills a counter.
    environment.put("ROTOR_HTTP_PUBLIC_METRICS", "true");
    environment.put("ROTOR_HTTP_PUBLIC_OPENAPI", "true");
    Path logs = ItDatabase.dataDir("logs");

    try (RotorProcess first = RotorProcess.start(environment, logs.resolve("restart-1.log"))) {
      Api before = new Api(first.base());
      accessBeforeRestart = Users.registeredAndLoggedIn(before, "restart").string("access_token");
      refreshBeforeRestart = Users.registeredAndLoggedIn(before, "refresh").string("refresh_token");
      graceRefreshBeforeRestart =
          Users.registeredAndLoggedIn(before, "grace").string("refresh_token");
      assertThat(before.me(accessBeforeRestart).status()).isEqualTo(200);
      assertThat(before.post("admin/keys/rotate", Users.adminToken(before)).status())
          .isEqualTo(200);
      rotatedAccessBeforeRestart =
          Users.registeredAndLoggedIn(before, "rotated").string("access_token");
      assertThat(kid(rotatedAccessBeforeRestart)).isNotEqualTo(kid(accessBeforeRestart));
    }

    environment.put("ROTOR_REGISTRATION_OPEN", "false");
    environment.put("ROTOR_REFRESH_TOKEN_REUSE_GRACE", "PT1M");

    Map<String, String> wrongSecret = new HashMap<>(environment);
    wrongSecret.put(SECRET, "not-the-secret-the-keys-were-sealed-with");
    try (RotorProcess refused =
        RotorProcess.launch(wrongSecret, logs.resolve("restart-wrong-secret.log"))) {
      wrongSecretLoggedCannotDecrypt =
          refused.awaitLog("rotor.keys.encryption-secret: cannot decrypt", Duration.ofMinutes(2));
      wrongSecretServedKeys = refused.answers(".well-known/jwks.json");
    }

    environment.put("ROTOR_PURGE_INITIAL_DELAY", "PT1S");
    restarted = RotorProcess.start(environment, logs.resolve("restart-2.log"));
    api = new Api(restarted.base());
  }

  @AfterAll
  void stop() {
    if (restarted != null) {
      restarted.close();
    }
  }

  /**
   * Two admins demoting each other at once. This server has one admin of its own, so with one more
   * the pair is the last two: exactly one demotion may win, in every round.
   */
  @Test
  void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
    for (int round = 0; round < 5; round++) {
      String first = api.login(Users.ADMIN, Users.ADMIN_PASSWORD).string("access_token");
      String name = Users.unique("rival");
      String rivalId = Users.createdByAdmin(api, first, name, "[\"admin\",\"user\"]").string("id");
      String second = api.login(name, Users.PASSWORD).string("access_token");
      String demote = "{\"roles\":[\"user\"]}";
      String suiteAdmin = meId(first);

      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        var a = pool.submit(() -> api.patchJson("admin/users/" + rivalId, demote, first));
        var b = pool.submit(() -> api.patchJson("admin/users/" + suiteAdmin, demote, second));
        List<Integer> statuses = List.of(a.get().status(), b.get().status());

        // The loser is refused by the guard (409), or, when the winner committed first, has
        // already lost admin access (403).
        assertThat(statuses).as("round %d", round).containsOnlyOnce(200);
        assertThat(statuses).as("round %d", round).containsAnyOf(403, 409);
        // Put back whoever lost the admin role, with the token of whoever kept it.
        if (a.get().status() == 200) {
          api.patchJson("admin/users/" + rivalId, "{\"enabled\":false}", first);
        } else {
          assertThat(
                  api.patchJson(
                          "admin/users/" + suiteAdmin, "{\"roles\":[\"admin\",\"user\"]}", second)
                      .status())
              .isEqualTo(200);
          api.patchJson(
              "admin/users/" + rivalId,
              "{\"enabled\":false}",
              api.login(Users.ADMIN, Users.ADMIN_PASSWORD).string("access_token"));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  private String meId(String token) {
    return api.me(token).string("id");
  }

  private static String kid(String token) throws ParseException {
    return SignedJWT.parse(token).getHeader().getKeyID();
  }

  /**
   * With {@code rotor.keys.algorithm=ES256} every token is ES256, and MicroProfile JWT (Payara's,
   * SmallRye's on WildFly) accepts it at {@code /users/me} and the admin API.
   */
  @Test
  void es256TokensWorkAtUsersMeAndTheAdminApi() throws Exception {
    String admin = Users.adminToken(api);
    assertThat(SignedJWT.parse(admin).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(SignedJWT.parse(accessBeforeRestart).getHeader().getAlgorithm().getName())
        .isEqualTo("ES256");

    String name = Users.unique("es256");
    Api.Reply created = Users.createdByAdmin(api, admin, name, "[\"user\"]");
    Api.Reply listed = api.get("admin/users?q=" + name, admin);
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    assertThat(listed.body()).contains(name);
    Api.Reply read = api.get("admin/users/" + created.string("id"), admin);
    assertThat(read.status()).as(read.body()).isEqualTo(200);

    String user = api.login(name, Users.PASSWORD).string("access_token");
    Api.Reply me = api.me(user);
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json()).containsEntry("username", name);
    assertThat(api.get("admin/users", user).status())
        .as("the role is still checked")
        .isEqualTo(403);
  }

  @Test
  void selfRegistrationCanBeSwitchedOffByConfiguration() {
    assertThat(api.register(Users.unique("closed"), Users.PASSWORD).status())
        .as("self-registration switched off by configuration")
        .isEqualTo(403);
  }

  @Test
  void accessTokensIssuedBeforeARestartStillVerifyAfterIt() {
    assertThat(api.me(accessBeforeRestart).status())
        .as("access token from before the restart")
        .isEqualTo(200);
    assertThat(api.me(rotatedAccessBeforeRestart).status())
        .as("access token signed by the rotated key, after the restart")
        .isEqualTo(200);
  }

  @Test
  void aRefreshTokenIssuedBeforeARestartStillRefreshesAndTheRotatedKeyStillSigns()
      throws Exception {
    Api.Reply refreshed = api.refresh(refreshBeforeRestart);

    assertThat(refreshed.status()).as("refresh token from before the restart").isEqualTo(200);
    assertThat(kid(refreshed.string("access_token")))
        .as("the rotated key still signs: nothing was regenerated")
        .isEqualTo(kid(rotatedAccessBeforeRestart));
    assertThat(api.me(refreshed.string("access_token")).status()).isEqualTo(200);
  }

  /**
   * With a reuse grace: a client's own retry with the token it just spent continues the chain from
   * the live successor; a token two steps back is still a replay.
   */
  @Test
  void withAReuseGraceARetryContinuesTheChainButATokenTwoStepsBackIsAReplay() {
    Api.Reply refreshed = api.refresh(graceRefreshBeforeRestart);
    assertThat(refreshed.status()).as("refresh token from before the restart").isEqualTo(200);

    Api.Reply retried = api.refresh(graceRefreshBeforeRestart);
    assertThat(retried.status()).as("retry within the grace window").isEqualTo(200);
    assertThat(retried.string("session_id")).isEqualTo(refreshed.string("session_id"));
    assertThat(api.refresh(retried.string("refresh_token")).status()).isEqualTo(200);
    assertThat(api.refresh(graceRefreshBeforeRestart).status())
        .as("no longer the immediate predecessor")
        .isEqualTo(401);
    assertThat(api.refresh(refreshed.string("refresh_token")).status())
        .as("the replay revoked the session")
        .isEqualTo(401);
  }

  @Test
  void thePurgeTimerFiresOnItsOwn() {
    assertThat(restarted.awaitLog("Purge removed", Duration.ofSeconds(60)))
        .as("the purge timer fired and logged its run")
        .isTrue();
  }

  @Test
  void openedMetricsAndOpenApiAnswerAndThePurgeCountsReachTheMetrics() {
    Api.Reply openapi = api.get("openapi", null);
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body())
        .contains("/auth/login", "/auth/refresh", "/sessions", "/admin/users", "/oauth2/token");

    assumeTrue(ItServer.hasMetrics(), "this server has no MicroProfile Metrics");
    assertThat(restarted.awaitLog("Purge removed", Duration.ofSeconds(60))).isTrue();
    Api.Reply metrics = api.get("metrics?scope=application", null);
    assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
    assertThat(metrics.body()).contains("rotor_purge_removed").contains("kind=\"expired_tokens\"");
  }

  @Test
  void startUpRefusesAWrongKeyEncryptionSecretNamingTheKey() {
    assertThat(wrongSecretLoggedCannotDecrypt)
        .as("start-up refuses a wrong key-encryption secret, naming the key")
        .isTrue();
    assertThat(wrongSecretServedKeys).isFalse();
  }
}
