package dev.rotor.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Scenario b, a protected resource against an unauthenticated one, in the same run: half the
 * clients ({@code bench.meClients}, default clients / 2) loop GET /users/me with a valid bearer
 * token (signature check by MicroProfile JWT, no database), the others loop GET
 * /.well-known/jwks.json. Both share the server's two cores, so their throughputs add up to the
 * server's total and their ratio is the price of the token verification. Measured request names:
 * {@code users/me} and {@code jwks}.
 */
public class UsersMeVsJwksSimulation extends RotorSimulation {

  private final int meClients =
      Math.max(1, Integer.getInteger("bench.meClients", settings.clients / 2));
  private final int jwksClients = Math.max(1, settings.clients - meClients);

  private final ScenarioBuilder me =
      scenario("users/me")
          .feed(settings.users())
          .exec(rotor.login("login"))
          .exec(rotor.phased(rotor::me, "users/me (warm-up)", "users/me"));

  private final ScenarioBuilder jwks =
      scenario("jwks").exec(rotor.phased(rotor::jwks, "jwks (warm-up)", "jwks"));

  {
    setUp(me.injectOpen(atOnceUsers(meClients)), jwks.injectOpen(atOnceUsers(jwksClients)))
        .protocols(rotor.protocol());
  }
}
