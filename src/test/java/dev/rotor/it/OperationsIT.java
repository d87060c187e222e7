package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.support.Api;
import dev.rotor.it.support.RotorIT;
import org.junit.jupiter.api.Test;

/** What operators watch: health with the database checked, and the OpenAPI document. */
@RotorIT
class OperationsIT {

  Api api;

  @Test
  void readinessChecksTheDatabase() {
    Api.Reply ready = api.get("health/ready", null);

    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\"").contains("UP");
  }

  @Test
  void theOpenApiDocumentDescribesTheEndpoints() {
    Api.Reply openapi = api.get("openapi", null);

    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body())
        .contains("/auth/login", "/auth/refresh", "/sessions", "/admin/users", "/oauth2/token");
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
