package dev.rotor.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Scenario a, refresh with rotation: each client logs in once as its own user, then loops POST
 * /auth/refresh, always sending the refresh token of its previous answer. Measured request name:
 * {@code refresh}. Run: {@code mvn gatling:test
 * -Dgatling.simulationClass=dev.rotor.bench.RefreshSimulation -Dbench.baseUrl=...} (BENCHMARKS.md).
 */
public class RefreshSimulation extends RotorSimulation {

  private final ScenarioBuilder refresh =
      scenario("refresh")
          .feed(settings.users())
          .exec(rotor.login("login"))
          .exec(rotor.phased(rotor::refresh, "refresh (warm-up)", "refresh"));

  {
    setUp(refresh.injectOpen(atOnceUsers(settings.clients))).protocols(rotor.protocol());
  }
}
