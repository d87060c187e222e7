package dev.rotor.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Scenario e, service accounts: each client loops the client credentials grant (RFC 6749 §4.4) of
 * one confidential client, authenticated by HTTP Basic; every answer is a new signed access token
 * and, at Rotor, an audit event. Measured request name: {@code client-credentials}. Needs {@code
 * -Dbench.serviceClientId} and {@code -Dbench.serviceClientSecret} (run.sh registers the client).
 */
public class ClientCredentialsSimulation extends RotorSimulation {

  private final ScenarioBuilder grants =
      scenario("client-credentials")
          .exec(
              rotor.phased(
                  rotor::clientCredentials, "client-credentials (warm-up)", "client-credentials"));

  {
    setUp(grants.injectOpen(atOnceUsers(settings.clients))).protocols(rotor.protocol());
  }
}
