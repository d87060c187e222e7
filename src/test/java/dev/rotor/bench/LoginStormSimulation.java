package dev.rotor.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Scenario d, refresh during a login storm: the refresh clients of scenario a, and at the same time
 * as many more clients looping POST /auth/login (each login is an Argon2id hash, and only as many
 * hash at once as the server has cores). Shows whether refreshes wait behind hashes. Measured
 * request names: {@code refresh (login storm)} and {@code login (storm)}; the storm's clients are
 * {@code bench.stormClients} (default: {@code bench.clients}).
 */
public class LoginStormSimulation extends RotorSimulation {

  private final int stormClients = Integer.getInteger("bench.stormClients", settings.clients);

  private final ScenarioBuilder refresh =
      scenario("refresh")
          .feed(settings.users())
          .exec(rotor.login("login"))
          .exec(rotor.phased(rotor::refresh, "refresh (warm-up)", "refresh (login storm)"));

  private final ScenarioBuilder storm =
      scenario("login storm")
          .feed(settings.users())
          .exec(rotor.phased(rotor::login, "login (warm-up)", "login (storm)"));

  {
    setUp(
            refresh.injectOpen(atOnceUsers(settings.clients)),
            storm.injectOpen(atOnceUsers(stormClients)))
        .protocols(rotor.protocol());
  }
}
