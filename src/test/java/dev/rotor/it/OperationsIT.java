package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import org.junit.jupiter.api.Test;

/** What operators watch: health with the database checked; metrics and OpenAPI closed. */
@RotorIT
class OperationsIT {

  Api api;

  @Test
  void readinessChecksTheDatabase() {
    Api.Reply ready = api.get("health/ready", null);

    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\"").contains("UP");
  }

  /**
   * The suite's server leaves rotor.http.public-metrics and rotor.http.public-openapi at their
   * defaults: closed on every server, even where Payara serves these paths itself (RestartIT opens
   * them).
   */
  @Test
  void metricsAndTheOpenApiDocumentAreClosedByDefault() {
    for (String path :
        java.util.List.of(
            "metrics",
            "metrics/",
            "metrics/base",
            "metrics?scope=application",
            "%6Detrics",
            "openapi",
            "openapi/",
            "openapi?format=json")) {
      Api.Reply reply = api.get(path, null);
      assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(404);
      assertThat(reply.header("Content-Type")).as(path).startsWith("application/problem+json");
    }
  }

  @Test
  void everyAnswerForbidsContentSniffingAndThereIsNoWadl() {
    for (Api.Reply reply :
        java.util.List.of(
            api.get(".well-known/jwks.json", null),
            api.get("users/me", null),
            api.get("no/such/thing", null),
            api.get("application.wadl", null))) {
      assertThat(reply.header("X-Content-Type-Options")).as(reply.body()).isEqualTo("nosniff");
    }
    Api.Reply wadl = api.get("application.wadl", null);
    assertThat(wadl.status()).isEqualTo(404);
    assertThat(wadl.header("Content-Type")).startsWith("application/problem+json");
  }
}
