package dev.rotor.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Scenario c, password login in a closed loop: each client loops POST /auth/login as its own user
 * (one Argon2id verification each, at most as many at once as the server has cores). Measured
 * request name: {@code login}.
 */
public class LoginSimulation extends RotorSimulation {

  private final ScenarioBuilder login =
      scenario("login")
          .feed(settings.users())
          .exec(rotor.phased(rotor::login, "login (warm-up)", "login"));

  {
    setUp(login.injectOpen(atOnceUsers(settings.clients))).protocols(rotor.protocol());
  }
}
