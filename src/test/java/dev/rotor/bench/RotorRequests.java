package dev.rotor.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.function.Function;

/**
 * Rotor's API as Gatling chains; session keys: username, password, accessToken, refreshToken,
 * loginAt. Every request is also recorded in the run's {@link Latencies}. With {@code
 * bench.target=keycloak} the login and the refresh go to Keycloak's token endpoint instead (same
 * request names, same checks), so the same simulations measure both servers.
 */
final class RotorRequests {

  private final BenchSettings settings;
  private final Phases phases;
  private final Latencies latencies;

  RotorRequests(BenchSettings settings, Phases phases) {
    this.settings = settings;
    this.phases = phases;
    this.latencies = phases.latencies();
  }

  /**
   * The request in a loop through the run's two phases: named {@code warmUpName} while the warm-up
   * lasts, then {@code measuredName} while the measured window is open.
   */
  ChainBuilder phased(
      Function<String, ChainBuilder> request, String warmUpName, String measuredName) {
    return asLongAs(session -> phases.warmingUp())
        .on(request.apply(warmUpName))
        .asLongAs(session -> phases.measuring())
        .on(request.apply(measuredName));
  }

  HttpProtocolBuilder protocol() {
    return http.baseUrl(settings.baseUrl)
        .acceptHeader("application/json")
        .userAgentHeader("rotor-bench (Gatling)")
        .disableCaching()
        .disableWarmUp();
  }

  /**
   * POST /auth/login as the client's user (Keycloak: the password grant at its token endpoint);
   * keeps both tokens and the time of the login.
   */
  ChainBuilder login(String name) {
    HttpRequestActionBuilder request =
        settings.target == BenchSettings.Target.KEYCLOAK
            ? http(name)
                .post(settings.keycloakTokenPath())
                .formParam("grant_type", "password")
                .formParam("client_id", settings.keycloakClientId)
                .formParam("username", "#{username}")
                .formParam("password", "#{password}")
            : http(name)
                .post("/auth/login")
                .header("Content-Type", "application/json")
                .body(StringBody("{\"username\": \"#{username}\", \"password\": \"#{password}\"}"));
    return timed(name, request.check(tokens()))
        .exec(session -> session.set("loginAt", System.currentTimeMillis()));
  }

  /**
   * POST /auth/refresh with the refresh token of the client's previous answer, keeping the new one:
   * each client follows its own rotation chain. A failed refresh breaks the chain (the token is
   * spent or the session revoked), so the client logs in again (recorded as "login (recovery)")
   * after a short pause; the failure itself stays counted as an error of this request.
   */
  ChainBuilder refresh(String name) {
    HttpRequestActionBuilder request =
        settings.target == BenchSettings.Target.KEYCLOAK
            ? http(name)
                .post(settings.keycloakTokenPath())
                .formParam("grant_type", "refresh_token")
                .formParam("client_id", settings.keycloakClientId)
                .formParam("refresh_token", "#{refreshToken}")
            : http(name)
                .post("/auth/refresh")
                .header("Content-Type", "application/json")
                .body(StringBody("{\"refresh_token\": \"#{refreshToken}\"}"));
    return timed(name, request.check(tokens())).doIf(Session::isFailed).then(recover());
  }

  /**
   * RFC 6749 §4.4 at the token endpoint (Rotor's /oauth2/token or Keycloak's), the service client
   * authenticated by HTTP Basic: a 200 with an access token and no refresh token, from both
   * servers. Nothing carries over between requests: each is a fresh grant.
   */
  ChainBuilder clientCredentials(String name) {
    if (settings.serviceClientId.isEmpty()) {
      throw new IllegalArgumentException("bench.serviceClientId: the client credentials client");
    }
    HttpRequestActionBuilder request =
        http(name)
            .post(
                settings.target == BenchSettings.Target.KEYCLOAK
                    ? settings.keycloakTokenPath()
                    : "/oauth2/token")
            .basicAuth(settings.serviceClientId, settings.serviceClientSecret)
            .formParam("grant_type", "client_credentials")
            .check(
                status().is(200),
                jsonPath("$.access_token").exists(),
                jsonPath("$.refresh_token").notExists());
    return timed(name, request)
        .doIf(Session::isFailed)
        .then(exec(Session::markAsSucceeded).exec(pause(Duration.ofMillis(100))));
  }

  /** A 200 with both tokens, kept for the next request (the same answer from both servers). */
  private static CheckBuilder[] tokens() {
    return new CheckBuilder[] {
      status().is(200),
      jsonPath("$.access_token").saveAs("accessToken"),
      jsonPath("$.refresh_token").saveAs("refreshToken")
    };
  }

  /** GET /users/me with the client's access token, renewed by a login before it expires. */
  ChainBuilder me(String name) {
    rotorOnly("GET /users/me");
    long renewAfterMillis = settings.tokenRenewSeconds * 1000L;
    return doIf(session ->
            System.currentTimeMillis() - session.getLong("loginAt") > renewAfterMillis)
        .then(login("login (token renewal)"))
        .exec(
            timed(
                name,
                http(name)
                    .get("/users/me")
                    .header("Authorization", "Bearer #{accessToken}")
                    .check(status().is(200))))
        .doIf(Session::isFailed)
        .then(recover());
  }

  /** GET /.well-known/jwks.json: unauthenticated, same server, same JAX-RS stack. */
  ChainBuilder jwks(String name) {
    rotorOnly("GET /.well-known/jwks.json");
    return timed(name, http(name).get("/.well-known/jwks.json").check(status().is(200)))
        .doIf(Session::isFailed)
        .then(exec(Session::markAsSucceeded).exec(pause(Duration.ofMillis(100))));
  }

  /** Sends the request and records its response time (success) or an error under its name. */
  private ChainBuilder timed(String name, HttpRequestActionBuilder request) {
    return exec(session -> session.remove("rt"))
        .exec(request.check(responseTimeInMillis().saveAs("rt")))
        .exec(
            session -> {
              if (session.isFailed() || !session.contains("rt")) {
                latencies.error(name);
              } else {
                latencies.ok(name, session.getInt("rt"));
              }
              return session;
            });
  }

  private void rotorOnly(String what) {
    if (settings.target != BenchSettings.Target.ROTOR) {
      throw new IllegalArgumentException(what + " has no Keycloak form: bench.target=rotor only");
    }
  }

  private ChainBuilder recover() {
    return exec(Session::markAsSucceeded)
        .exec(pause(Duration.ofMillis(100)))
        .exec(login("login (recovery)"))
        .exec(Session::markAsSucceeded);
  }
}
