package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rotor.it.browser.Browsers;
import dev.rotor.it.browser.Flow;
import dev.rotor.it.browser.OidcClient;
import dev.rotor.it.browser.Pages;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.JwksVerification;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect Back-Channel Logout 1.0 as applications receive it: clients registered through the
 * admin API with a {@code backchannel_logout_uri} on receivers this test serves on loopback (one
 * that takes the token, one that answers 500, one that holds the request), a real browser signed in
 * to them through the code flow, and the logout tokens checked by an independent JOSE library
 * against Rotor's JWK Set. Every test has its own receivers, clients, browser and user.
 */
@RotorIT
class BackChannelLogoutIT {

  static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

  /** Far more than a delivery takes, far less than a test run. */
  static final Duration DELIVERED = Duration.ofSeconds(30);

  Api api;

  String admin;

  Receivers receivers;

  @BeforeEach
  void start() throws IOException {
    admin = Users.adminToken(api);
    receivers = new Receivers();
  }

  @AfterEach
  void stop() {
    receivers.stop();
  }

  /** What a receiver was sent: the form's logout token and the request's content type. */
  record Received(String path, String contentType, String logoutToken) {}

  /** The three receivers, on one loopback server that answers each request on its own thread. */
  static final class Receivers {
    final HttpServer server;
    final ExecutorService threads = Executors.newCachedThreadPool();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    Receivers() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      server.setExecutor(threads);
      server.createContext("/records", e -> answer(e, 200));
      server.createContext("/fails", e -> answer(e, 500));
      server.createContext(
          "/hangs",
          e -> {
            record(e);
            try {
              // Held until the test lets it go; bounded so that a failing test still ends.
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
            respond(e, 200);
          });
      server.start();
    }

    String uri(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void answer(HttpExchange e, int status) throws IOException {
      record(e);
      if (status != 200) {
        failures.incrementAndGet();
      }
      respond(e, status);
    }

    private void record(HttpExchange e) throws IOException {
      String body;
      try (InputStream in = e.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      }
      String token = null;
      for (String pair : body.split("&")) {
        if (pair.startsWith("logout_token=")) {
          token = URLDecoder.decode(pair.substring(13), StandardCharsets.US_ASCII);
        }
      }
      received.add(
          new Received(
              e.getRequestURI().getPath(), e.getRequestHeaders().getFirst("Content-Type"), token));
    }

    private static void respond(HttpExchange e, int status) throws IOException {
      e.sendResponseHeaders(status, -1);
      e.close();
    }

    /** The logout tokens sent for the client. */
    List<String> tokensFor(String clientId) {
      return received.stream()
          .map(Received::logoutToken)
          .filter(t -> t != null && audience(t).equals(clientId))
          .toList();
    }

    List<Received> at(String path) {
      return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    void stop() {
      release.countDown();
      server.stop(0);
      threads.shutdownNow();
    }
  }

  static String audience(String token) {
    try {
      JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(token);
      return JwtClaims.parse(jws.getUnverifiedPayload()).getAudience().get(0);
    } catch (Exception e) {
      throw new AssertionError("not a JWT: " + token, e);
    }
  }

  /** A first-party public client signing in by browser, its logouts sent to {@code logoutUri}. */
  String client(String name, String logoutUri) {
    Api.Reply created =
        api.postJson(
            "admin/clients",
            """
            {"client_name":"%s","token_endpoint_auth_method":"none","first_party":true,
             "scope":"openid profile","redirect_uris":["%s"],"backchannel_logout_uri":"%s",
             "backchannel_logout_session_required":true}
            """
                .formatted(name, redirect(name), logoutUri),
            admin);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json()).containsEntry("backchannel_logout_session_required", true);
    return created.string("client_id");
  }

  static String redirect(String name) {
    return "https://" + name + ".example.test/callback";
  }

  /** The browser signs in to each client (the first by password, the others by its session). */
  static OIDCTokenResponse[] signIn(WebClient web, String user, Map<String, String> clients)
      throws Exception {
    OIDCTokenResponse[] tokens = new OIDCTokenResponse[clients.size()];
    int i = 0;
    for (var client : clients.entrySet()) {
      Flow flow = Flow.of(client.getKey(), redirect(client.getValue()));
      tokens[i] =
          OidcClient.tokens(
              flow, i == 0 ? flow.signIn(web, user, Users.PASSWORD) : flow.codeAtOnce(web));
      i++;
    }
    return tokens;
  }

  /** Two clients that take logout tokens at the recording receiver. */
  record SignedIn(String first, String second, OIDCTokenResponse[] tokens) {}

  /** A new user whose browser signs in to two new clients named after {@code name}. */
  SignedIn signInToTwo(WebClient web, String name) throws Exception {
    String first = client(name + "-a", receivers.uri("/records"));
    String second = client(name + "-b", receivers.uri("/records"));
    String user = Users.registered(api, name);
    var clients = new LinkedHashMap<String, String>();
    clients.put(first, name + "-a");
    clients.put(second, name + "-b");
    return new SignedIn(first, second, signIn(web, user, clients));
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> events(String type, String userId) {
    Api.Reply page = api.get("admin/events?size=100&type=" + type + "&user=" + userId, admin);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return (List<Map<String, Object>>) page.json().get("items");
  }

  boolean audited(String type, String userId, String says) {
    return events(type, userId).stream()
        .anyMatch(e -> String.valueOf(e.get("reason")).contains(says));
  }

  @Test
  void logoutSendsEachClientAVerifiableLogoutTokenAtOnceRetriesTheFailingOneAndAuditsIt()
      throws Exception {
    String recording = client("bcl-records", receivers.uri("/records"));
    String hanging = client("bcl-hangs", receivers.uri("/hangs"));
    String failing = client("bcl-fails", receivers.uri("/fails"));
    String user = Users.registered(api, "bcl-logout");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      var clients = new LinkedHashMap<String, String>();
      clients.put(recording, "bcl-records");
      clients.put(hanging, "bcl-hangs");
      clients.put(failing, "bcl-fails");
      OIDCTokenResponse[] tokens = signIn(web, user, clients);
      JwtClaims idToken =
          JwksVerification.idToken(tokens[0].getOIDCTokens().getIDTokenString(), recording);

      Page out = Pages.logOut(web, ItServer.ISSUER + "/oauth2/logout");

      // The logout answered, and the hanging client has not been let go: it did not wait for it.
      assertThat(Pages.status(out)).isEqualTo(200);
      assertThat(((HtmlPage) out).getElementById("signed-out")).isNotNull();
      assertThat(receivers.release.getCount()).isEqualTo(1);

      // The recording client gets its token while the hanging one still holds its request.
      await().atMost(DELIVERED).until(() -> !receivers.tokensFor(recording).isEmpty());
      await().atMost(DELIVERED).until(() -> !receivers.at("/hangs").isEmpty());
      assertThat(receivers.release.getCount()).isEqualTo(1);
      String logoutToken = receivers.tokensFor(recording).get(0);
      assertThat(receivers.at("/records").get(0).contentType())
          .isEqualTo("application/x-www-form-urlencoded");

      JsonWebSignature jws =
          (JsonWebSignature) JsonWebStructure.fromCompactSerialization(logoutToken);
      assertThat(jws.getHeader("typ")).isEqualTo("logout+jwt");
      JwtClaims claims = JwksVerification.logoutToken(logoutToken, recording);
      assertThat(claims.getIssuer()).isEqualTo(ItServer.ISSUER);
      assertThat(claims.getAudience()).containsExactly(recording);
      assertThat(claims.getSubject()).isEqualTo(idToken.getSubject());
      assertThat(claims.getStringClaimValue("sid"))
          .as("the sid of the ID token the client holds")
          .isEqualTo(idToken.getStringClaimValue("sid"));
      assertThat(claims.getJwtId()).isNotBlank();
      assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
          .isEqualTo(120);
      assertThat(claims.getClaimValue("events")).isEqualTo(Map.of(EVENT, Map.of()));
      assertThat(claims.hasClaim("nonce")).isFalse();

      // Let the hanging client answer now: within its timeout, so its token counts as sent.
      receivers.release.countDown();
      String userId = idToken.getSubject();
      await()
          .atMost(DELIVERED)
          .until(
              () ->
                  audited("BACKCHANNEL_LOGOUT_SENT", userId, "client " + hanging + ": HTTP 200")
                      && audited(
                          "BACKCHANNEL_LOGOUT_SENT", userId, "client " + recording + ": HTTP 200"));

      // The failing client: audited with its status, and tried again once its back-off is over.
      await()
          .atMost(DELIVERED)
          .until(
              () ->
                  audited(
                      "BACKCHANNEL_LOGOUT_FAILED",
                      userId,
                      "client " + failing + ": HTTP 500; attempt 1 of 5, retry in 30 s"));
      assertThat(receivers.failures.get()).isEqualTo(1);
      // Each retry is due once its back-off has passed on the server's clock: 30 s, 1, 2, 4 min.
      long offset = 0;
      long[] waits = {30, 60, 120, 240};
      for (int attempt = 2; attempt <= 5; attempt++) {
        offset += waits[attempt - 2] + 1;
        api.moveClock(Duration.ofSeconds(offset));
        int expected = attempt;
        await().atMost(DELIVERED).until(() -> receivers.failures.get() == expected);
        String outcome = attempt < 5 ? "retry in " + waits[attempt - 1] + " s" : "given up";
        await()
            .atMost(DELIVERED)
            .until(
                () ->
                    audited(
                        "BACKCHANNEL_LOGOUT_FAILED",
                        userId,
                        "client %s: HTTP 500; attempt %d of 5, %s"
                            .formatted(failing, expected, outcome)));
      }
      assertThat(receivers.tokensFor(failing)).hasSize(5).doesNotHaveDuplicates();
      assertThat(receivers.tokensFor(recording)).as("sent once").hasSize(1);
      assertThat(events("BACKCHANNEL_LOGOUT_FAILED", userId))
          .allSatisfy(e -> assertThat(String.valueOf(e.get("reason"))).doesNotContain("eyJ"));
    }
  }

  @Test
  void aReplayedRefreshTokenOfASessionBornFromTheBrowserSignsItOutOfEveryClient() throws Exception {
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      SignedIn signedIn = signInToTwo(web, "bcl-replay");
      String first = signedIn.first();
      String second = signedIn.second();
      OIDCTokenResponse[] tokens = signedIn.tokens();
      String sid =
          JwksVerification.idToken(tokens[0].getOIDCTokens().getIDTokenString(), first)
              .getStringClaimValue("sid");

      TokenResponse refreshed = OidcClient.refresh(first, tokens[0]);
      assertThat(refreshed.indicatesSuccess()).isTrue();
      assertThat(receivers.received).as("a refresh is no logout").isEmpty();
      TokenResponse replayed = OidcClient.refresh(first, tokens[0]);
      OidcClient.assertInvalidGrant(replayed, "already used");

      await()
          .atMost(DELIVERED)
          .until(
              () ->
                  receivers.tokensFor(first).size() == 1
                      && receivers.tokensFor(second).size() == 1);
      for (String client : List.of(first, second)) {
        JwtClaims claims = JwksVerification.logoutToken(receivers.tokensFor(client).get(0), client);
        assertThat(claims.getStringClaimValue("sid")).isEqualTo(sid);
      }
      Flow silent = Flow.of(second, redirect("bcl-replay-b")).prompt(Prompt.Type.NONE);
      assertThat(silent.errorCode(web)).as("the browser is signed out").isEqualTo("login_required");
    }
  }

  @Test
  void disablingTheUserSignsTheirBrowserOutOfEveryClient() throws Exception {
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      SignedIn signedIn = signInToTwo(web, "bcl-disable");
      String first = signedIn.first();
      String second = signedIn.second();
      OIDCTokenResponse[] tokens = signedIn.tokens();
      JwtClaims idToken =
          JwksVerification.idToken(tokens[1].getOIDCTokens().getIDTokenString(), second);

      assertThat(
              api.patchJson("admin/users/" + idToken.getSubject(), "{\"enabled\":false}", admin)
                  .status())
          .isEqualTo(200);

      await()
          .atMost(DELIVERED)
          .until(
              () ->
                  receivers.tokensFor(first).size() == 1
                      && receivers.tokensFor(second).size() == 1);
      JwtClaims claims = JwksVerification.logoutToken(receivers.tokensFor(second).get(0), second);
      assertThat(claims.getSubject()).isEqualTo(idToken.getSubject());
      assertThat(claims.getStringClaimValue("sid")).isEqualTo(idToken.getStringClaimValue("sid"));
    }
  }

  @Test
  void aBrowserSessionThatRunsOutSignsItsUserOutOfEveryClient() throws Exception {
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      SignedIn signedIn = signInToTwo(web, "bcl-idle");
      String first = signedIn.first();
      String second = signedIn.second();
      OIDCTokenResponse[] tokens = signedIn.tokens();
      JwtClaims idToken =
          JwksVerification.idToken(tokens[0].getOIDCTokens().getIDTokenString(), first);
      assertThat(api.post("test/browser-sessions/run-out", null).status()).isEqualTo(200);
      assertThat(Flow.of(first, redirect("bcl-idle-a")).codeAtOnce(web))
          .as("a live session is not swept: it still signs the browser in at once")
          .isNotNull();
      assertThat(receivers.tokensFor(first)).isEmpty();

      api.moveClock(Duration.ofMinutes(31)); // past the idle lifetime (30 minutes)
      assertThat(api.post("test/browser-sessions/run-out", null).status()).isEqualTo(200);

      await()
          .atMost(DELIVERED)
          .until(
              () ->
                  receivers.tokensFor(first).size() == 1
                      && receivers.tokensFor(second).size() == 1);
      JwtClaims claims = JwksVerification.logoutToken(receivers.tokensFor(first).get(0), first);
      assertThat(claims.getSubject()).isEqualTo(idToken.getSubject());
      assertThat(claims.getStringClaimValue("sid")).isEqualTo(idToken.getStringClaimValue("sid"));
    }
  }
}
