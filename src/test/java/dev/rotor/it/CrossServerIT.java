package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.RotorProcess;
import dev.rotor.it.support.Users;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two servers of different kinds, one database: the suite's WildFly and a Payara Micro beside it
 * (rotor.jar). Each verifies the other's access tokens and continues the other's refresh chains,
 * because keys and sessions live in the database, not in a server.
 */
@RotorIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossServerIT {

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
}
