package dev.rotor.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Scenario c, password login in a closed loop: each client loops POST /auth/login as its own user
 * (one Argon2id verification each, at most as many at once as the server has cores). Measured
 * request name: {@code login}.
 */
public class LoginSimulation extends Simulation {

  private final BenchSettings settings = new BenchSettings();
  private final Phases phases = new Phases(settings);
  private final RotorRequests rotor = new RotorRequests(settings, phases);

  private final ScenarioBuilder login =
      scenario("login")
          .feed(settings.users())
          .exec(rotor.phased(rotor::login, "login (warm-up)", "login"));

  {
    setUp(login.injectOpen(atOnceUsers(settings.clients))).protocols(rotor.protocol());
  }

  @Override
  public void before() {
    phases.start();
  }

  @Override
  public void after() {
    phases.finish();
  }
}
