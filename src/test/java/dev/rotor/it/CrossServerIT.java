package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.RotorProcess;
import dev.rotor.it.support.Users;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two servers of different kinds, one database: the suite's WildFly and a Payara Micro beside it
 * (rotor.jar). Each verifies the other's access tokens and continues the other's refresh chains,
 * because keys and sessions live in the database, not in a server; and each sees a client change
 * made on the other within the registry's cache bound.
 */
@RotorIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossServerIT {

  /**
   * How long the other node may take to see a client change: its cache's bound plus 5 s for two
   * servers, a database and the test sharing two cores. The change need not be instant, and the
   * tests do not ask whether it was.
   */
  static final Duration WITHIN_THE_BOUND = ClientRegistry.CACHE_BOUND.plusSeconds(5);

  static final String REDIRECT = "http://127.0.0.1:9/callback";
  static final String OTHER_REDIRECT = "http://127.0.0.1:9/elsewhere";

  Api api;

  private RotorProcess micro;
  private Api other;

  @BeforeAll
  void startPayaraMicroBeside() {
    assumeTrue(
        ItServer.kind().equals("wildfly") && ItDatabase.isPostgres(),
        "two kinds of server on one database: the WildFly run on PostgreSQL");
    Map<String, String> environment = new HashMap<>(ItServer.environment());
    environment.putAll(ItDatabase.serverEnvironment(ItDatabase.SUITE));
    micro =
        RotorProcess.start(
            "payara-micro",
            environment,
            ItDatabase.dataDir("logs").resolve("cross-server-payara-micro.log"));
    other = new Api(micro.base());
  }

  @AfterAll
  void stop() {
    if (micro != null) {
      micro.close();
    }
  }

  @Test
  void aTokenIssuedOnWildFlyIsAcceptedOnPayaraMicro() {
    String token = Users.registeredAndLoggedIn(api, "on-wildfly").string("access_token");

    assertThat(other.me(token).status()).isEqualTo(200);
  }

  @Test
  void aTokenIssuedOnPayaraMicroIsAcceptedOnWildFly() {
    String token = Users.registeredAndLoggedIn(other, "on-micro").string("access_token");

    assertThat(api.me(token).status()).isEqualTo(200);
  }

  @Test
  void failedPasswordChecksOnBothServersCountTogether() {
    String name = Users.unique("two-nodes");
    assertThat(api.register(name, Users.PASSWORD).status()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      assertThat(api.login(name, "wrong on wildfly").status()).isEqualTo(401);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(other.login(name, "wrong on payara micro").status()).isEqualTo(401);
    }

    assertThat(api.login(name, Users.PASSWORD).status())
        .as("five failures in all lock the account on every node")
        .isEqualTo(429);
    assertThat(other.login(name, Users.PASSWORD).status()).isEqualTo(429);
  }

  /**
   * Twenty wrong passwords at once, half to each node, run at most the five checks the lock allows:
   * each is counted in the shared row before its hash runs.
   */
  @Test
  void concurrentWrongPasswordsOnBothNodesGetNoMoreChecksThanTheLockAllows() throws Exception {
    String name = Users.unique("two-nodes-raced");
    assertThat(api.register(name, Users.PASSWORD).status()).isEqualTo(201);
    AtomicInteger turn = new AtomicInteger();

    List<Integer> statuses =
        ThrottleIT.concurrently(
            20,
            () -> (turn.getAndIncrement() % 2 == 0 ? api : other).login(name, "wrong").status());

    assertThat(statuses).allMatch(s -> s == 401 || s == 429, "401 or 429: " + statuses);
    assertThat(statuses.stream().filter(s -> s == 401).count())
        .as("password checks run on both nodes together, of %s", statuses)
        .isLessThanOrEqualTo(5);
  }

  @Test
  void aRefreshChainContinuesOnTheOtherServer() {
    Api.Reply login = Users.registeredAndLoggedIn(api, "chain");

    Api.Reply refreshed = other.refresh(login.string("refresh_token"));

    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    assertThat(api.refresh(login.string("refresh_token")).status())
        .as("the spent token is a replay on the first server too")
        .isEqualTo(401);
    assertThat(api.refresh(refreshed.string("refresh_token")).status())
        .as("the session was revoked by that replay")
        .isEqualTo(401);
  }

  private static ConditionFactory onTheOtherNode() {
    return await().atMost(WITHIN_THE_BOUND).pollInterval(Duration.ofMillis(250));
  }

  private Api.Reply created(String json, String admin) {
    Api.Reply created = api.postJson("admin/clients", json, admin);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  /** Introspection asks nothing of a client but its authentication: 200, or 401 for a bad one. */
  private static int introspectAs(Api node, String id, String secret) {
    String basic =
        Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return node.send(
            node.request("oauth2/introspect")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("token=not-a-token"))
                .build())
        .status();
  }

  private static int authorize(Api node, String clientId, String redirectUri) {
    return node.get(
            "oauth2/authorize?response_type=code&client_id="
                + clientId
                + "&redirect_uri="
                + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&scope=openid&state=s&nonce=n&code_challenge_method=S256&code_challenge="
                + "A".repeat(43),
            null)
        .status();
  }

  @Test
  void aClientRegisteredOnWildFlyIsSeenOnPayaraMicroWithinTheBound() {
    String admin = Users.adminToken(api);
    Api.Reply client = created("{\"client_name\":\"Two nodes\"}", admin);

    onTheOtherNode()
        .untilAsserted(
            () ->
                assertThat(
                        introspectAs(
                            other, client.string("client_id"), client.string("client_secret")))
                    .isEqualTo(200));
  }

  @Test
  void aChangedRedirectUriIsSeenOnPayaraMicroWithinTheBound() {
    String admin = Users.adminToken(api);
    String id =
        created(
                "{\"token_endpoint_auth_method\":\"none\",\"redirect_uris\":[\""
                    + REDIRECT
                    + "\"]}",
                admin)
            .string("client_id");
    onTheOtherNode().untilAsserted(() -> assertThat(authorize(other, id, REDIRECT)).isEqualTo(200));

    Api.Reply changed =
        api.patchJson(
            "admin/clients/" + id, "{\"redirect_uris\":[\"" + OTHER_REDIRECT + "\"]}", admin);
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);

    onTheOtherNode()
        .untilAsserted(
            () -> {
              assertThat(authorize(other, id, OTHER_REDIRECT)).isEqualTo(200);
              assertThat(authorize(other, id, REDIRECT)).isEqualTo(400);
            });
  }

  @Test
  void aSecretRotatedWithoutOverlapStopsOnPayaraMicroWithinTheBound() {
    String admin = Users.adminToken(api);
    Api.Reply client = created("{\"client_name\":\"Rotated on two nodes\"}", admin);
    String id = client.string("client_id");
    String old = client.string("client_secret");
    onTheOtherNode().untilAsserted(() -> assertThat(introspectAs(other, id, old)).isEqualTo(200));

    Api.Reply rotated =
        api.postJson(
            "admin/clients/" + id + "/secret", "{\"previous_secret_expires_in\":0}", admin);
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String fresh = rotated.string("client_secret");

    onTheOtherNode()
        .untilAsserted(
            () -> {
              assertThat(introspectAs(other, id, old)).as("the old secret").isEqualTo(401);
              assertThat(introspectAs(other, id, fresh)).as("the new secret").isEqualTo(200);
            });
  }

  @Test
  void aClientDisabledOnWildFlyIsRefusedOnPayaraMicroWithinTheBound() {
    String admin = Users.adminToken(api);
    Api.Reply client = created("{\"client_name\":\"Disabled on two nodes\"}", admin);
    String id = client.string("client_id");
    String secret = client.string("client_secret");
    onTheOtherNode()
        .untilAsserted(() -> assertThat(introspectAs(other, id, secret)).isEqualTo(200));

    assertThat(api.patchJson("admin/clients/" + id, "{\"enabled\":false}", admin).status())
        .isEqualTo(200);

    onTheOtherNode()
        .untilAsserted(() -> assertThat(introspectAs(other, id, secret)).isEqualTo(401));
  }
}
