package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.JwksVerification;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.htmlunit.BrowserVersion;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.htmlunit.util.NameValuePair;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on through a real (headless) browser and an unmodified OpenID Connect client library:
 * HtmlUnit for the pages, the Nimbus SDK for the requests, jose4j to verify ID tokens from the JWK
 * Set alone. Every test has its own browser and user.
 */
@RotorIT
class SsoIT {

  static final URI AUTHORIZE = URI.create(ItServer.ISSUER + "/oauth2/authorize");
  static final URI TOKEN = URI.create(ItServer.ISSUER + "/oauth2/token");

  Api api;

  /** A browser: its own cookies, no JavaScript, redirects not followed (the clients are fake). */
  static WebClient browser() {
    WebClient web = new WebClient(BrowserVersion.FIREFOX);
    web.getOptions().setRedirectEnabled(false);
    web.getOptions().setThrowExceptionOnFailingStatusCode(false);
    web.getOptions().setJavaScriptEnabled(false);
    web.getOptions().setCssEnabled(false);
    return web;
  }

  /** One authorization request and what it must come back with. */
  record Flow(
      String clientId,
      URI redirect,
      Scope scope,
      State state,
      Nonce nonce,
      CodeVerifier verifier,
      List<Prompt.Type> prompt,
      Integer maxAge) {

    static Flow of(String clientId, String redirect) {
      return new Flow(
          clientId,
          URI.create(redirect),
          new Scope("openid", "profile"),
          new State(),
          new Nonce(),
          new CodeVerifier(),
          List.of(),
          null);
    }

    Flow prompt(Prompt.Type type) {
      return new Flow(clientId, redirect, scope, state, nonce, verifier, List.of(type), maxAge);
    }

    Flow maxAge(int seconds) {
      return new Flow(clientId, redirect, scope, state, nonce, verifier, prompt, seconds);
    }

    URL url() throws Exception {
      var builder =
          new AuthenticationRequest.Builder(
                  ResponseType.CODE, scope, new ClientID(clientId), redirect)
              .endpointURI(AUTHORIZE)
              .state(state)
              .nonce(nonce)
              .codeChallenge(verifier, CodeChallengeMethod.S256);
      if (!prompt.isEmpty()) {
        builder.prompt(new Prompt(prompt.toArray(Prompt.Type[]::new)));
      }
      if (maxAge != null) {
        builder.maxAge(maxAge);
      }
      return builder.build().toURI().toURL();
    }
  }

  static String location(Page page) {
    return page.getWebResponse().getResponseHeaderValue("Location");
  }

  static int status(Page page) {
    return page.getWebResponse().getStatusCode();
  }

  /** The redirect back to the client, parsed as a client would (checks state and iss). */
  static AuthorizationSuccessResponse success(Page page, Flow flow) throws Exception {
    assertThat(status(page)).as(page.getWebResponse().getContentAsString()).isIn(302, 303);
    AuthorizationResponse response = AuthorizationResponse.parse(URI.create(location(page)));
    assertThat(response.indicatesSuccess()).as("redirect %s", location(page)).isTrue();
    assertThat(response.getState()).isEqualTo(flow.state());
    assertThat(response.getIssuer()).isEqualTo(new Issuer(ItServer.ISSUER));
    assertThat(location(page)).startsWith(flow.redirect().toString() + "?");
    return response.toSuccessResponse();
  }

  static AuthorizationErrorResponse error(Page page, Flow flow) throws Exception {
    assertThat(status(page)).isIn(302, 303);
    AuthorizationResponse response = AuthorizationResponse.parse(URI.create(location(page)));
    assertThat(response.indicatesSuccess()).isFalse();
    assertThat(response.getState()).isEqualTo(flow.state());
    assertThat(response.getIssuer()).isEqualTo(new Issuer(ItServer.ISSUER));
    return response.toErrorResponse();
  }

  /** Fills and sends the login form of the page. */
  static Page submitLogin(HtmlPage page, String username, String password) throws Exception {
    HtmlForm form = page.getHtmlElementById("login");
    form.getInputByName("username").setValue(username);
    form.getInputByName("password").setValue(password);
    return form.getButtonByName("action").click();
  }

  /** Presses Allow or Deny on the consent page. */
  static Page decide(HtmlPage consent, String decision) throws Exception {
    HtmlForm form = consent.getHtmlElementById("consent");
    return form.getButtonsByName("decision").stream()
        .filter(b -> b.getAttribute("value").equals(decision))
        .findFirst()
        .orElseThrow()
        .click();
  }

  static String newUser(Api api, String prefix) {
    String name = Users.unique(prefix);
    assertThat(api.register(name, Users.PASSWORD).status()).isEqualTo(201);
    return name;
  }

  /** Signs in through the login page: the browser now has a single sign-on session. */
  static AuthorizationCode signIn(WebClient web, Flow flow, String username) throws Exception {
    HtmlPage login = web.getPage(flow.url());
    assertThat(status(login)).isEqualTo(200);
    return success(submitLogin(login, username, Users.PASSWORD), flow).getAuthorizationCode();
  }

  static TokenResponse exchange(Flow flow, AuthorizationCode code, CodeVerifier verifier)
      throws Exception {
    var grant = new AuthorizationCodeGrant(code, flow.redirect(), verifier);
    TokenRequest request =
        flow.clientId().equals(ItServer.PORTAL)
            ? new TokenRequest(
                TOKEN,
                new ClientSecretBasic(
                    new ClientID(ItServer.PORTAL), new Secret(ItServer.PORTAL_SECRET)),
                grant,
                null)
            : new TokenRequest(TOKEN, new ClientID(flow.clientId()), grant, null);
    return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
  }

  static OIDCTokenResponse tokens(Flow flow, AuthorizationCode code) throws Exception {
    TokenResponse response = exchange(flow, code, flow.verifier());
    assertThat(response.indicatesSuccess())
        .as(() -> response.toErrorResponse().getErrorObject().toString())
        .isTrue();
    return (OIDCTokenResponse) response.toSuccessResponse();
  }

  /** The SPA refreshes its session at the token endpoint, as its client library would. */
  static TokenResponse refreshAsSpa(OIDCTokenResponse tokens) throws Exception {
    return TokenResponse.parse(
        new TokenRequest(
                TOKEN,
                new ClientID(ItServer.SPA),
                new RefreshTokenGrant(tokens.getTokens().getRefreshToken()),
                null)
            .toHTTPRequest()
            .send());
  }

  /** A token error as RFC 6749 §5.2 says: 400 with {@code invalid_grant}. */
  static void assertInvalidGrant(TokenResponse response, String what) {
    assertThat(response.indicatesSuccess()).as("%s: refused", what).isFalse();
    var error = response.toErrorResponse().getErrorObject();
    assertThat(error.getHTTPStatusCode()).as("%s: status", what).isEqualTo(400);
    assertThat(error.getCode()).as("%s: error", what).isEqualTo("invalid_grant");
  }

  @Test
  void theCodeFlowWithPkceSignsAUserInAndTheIdTokenVerifiesFromTheJwksAlone() throws Exception {
    String user = newUser(api, "sso");
    Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
    try (WebClient web = browser()) {
      HtmlPage login = web.getPage(flow.url());

      assertThat(status(login)).isEqualTo(200);
      assertThat(login.asNormalizedText()).contains(ItServer.SPA_NAME);
      assertThat(login.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
          .contains("default-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(login.getWebResponse().getResponseHeaderValue("X-Content-Type-Options"))
          .isEqualTo("nosniff");
      assertThat(login.getWebResponse().getResponseHeaderValue("Referrer-Policy"))
          .isEqualTo("no-referrer");
      assertThat(login.getWebResponse().getResponseHeaderValue("Cache-Control"))
          .contains("no-store");
      assertThat(login.getElementsByTagName("label")).hasSize(2);
      assertThat((Object) login.getFirstByXPath("//label[@for='username']")).isNotNull();
      assertThat((Object) login.getFirstByXPath("//label[@for='password']")).isNotNull();
      assertThat(login.getHtmlElementById("password").getAttribute("type")).isEqualTo("password");

      Page back = submitLogin(login, user, Users.PASSWORD);
      AuthorizationCode code = success(back, flow).getAuthorizationCode();
      Cookie sso = web.getCookieManager().getCookie("rotor_sso");
      assertThat(sso).isNotNull();
      assertThat(sso.isHttpOnly()).isTrue();
      assertThat(sso.getSameSite()).isEqualToIgnoringCase("lax");
      assertThat(sso.getPath()).isEqualTo("/");
      assertThat(location(back)).doesNotContain(Users.PASSWORD.replace(' ', '+'));

      OIDCTokenResponse tokens = tokens(flow, code);
      JwtClaims id =
          JwksVerification.idToken(tokens.getOIDCTokens().getIDTokenString(), ItServer.SPA);
      assertThat(id.getStringClaimValue("nonce")).isEqualTo(flow.nonce().getValue());
      assertThat(id.getStringClaimValue("azp")).isEqualTo(ItServer.SPA);
      assertThat(id.getStringClaimValue("sid")).isNotBlank();
      assertThat(id.getStringClaimValue("preferred_username")).isEqualTo(user);
      assertThat(id.getClaimValue("auth_time")).isNotNull();
      assertThat(tokens.getTokens().getBearerAccessToken()).isNotNull();

      String access = tokens.getTokens().getAccessToken().getValue();
      assertThat(api.me(access).status()).isEqualTo(200);
      Api.Reply info = api.get("oauth2/userinfo", access);
      assertThat(info.status()).isEqualTo(200);
      assertThat(info.json()).containsEntry("sub", id.getSubject());
      assertThat(info.json()).containsEntry("preferred_username", user);

      TokenResponse refreshed = refreshAsSpa(tokens);
      assertThat(refreshed.indicatesSuccess()).isTrue();
    }
  }

  @Test
  void aSecondClientSignsTheUserInWithoutAPassword() throws Exception {
    String user = newUser(api, "sso-second");
    try (WebClient web = browser()) {
      Flow spa = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      JwtClaims first =
          JwksVerification.idToken(
              tokens(spa, signIn(web, spa, user)).getOIDCTokens().getIDTokenString(), ItServer.SPA);

      Flow portal = Flow.of(ItServer.PORTAL, ItServer.PORTAL_REDIRECT);
      Page answer = web.getPage(portal.url());

      AuthorizationCode code = success(answer, portal).getAuthorizationCode();
      JwtClaims second =
          JwksVerification.idToken(
              tokens(portal, code).getOIDCTokens().getIDTokenString(), ItServer.PORTAL);
      assertThat(second.getSubject()).isEqualTo(first.getSubject());
      assertThat(second.getStringClaimValue("sid")).isEqualTo(first.getStringClaimValue("sid"));
      assertThat(second.getClaimValue("auth_time")).isEqualTo(first.getClaimValue("auth_time"));
    }
  }

  @Test
  void promptNoneAnswersAtOnceWithOrWithoutASession() throws Exception {
    String user = newUser(api, "sso-none");
    try (WebClient web = browser()) {
      Flow silent = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
      assertThat(error(web.getPage(silent.url()), silent).getErrorObject().getCode())
          .isEqualTo("login_required");

      signIn(web, Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT), user);
      Flow again = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
      assertThat(success(web.getPage(again.url()), again).getAuthorizationCode()).isNotNull();
    }
  }

  @Test
  void promptLoginAndMaxAgeAskForThePasswordAgain() throws Exception {
    String user = newUser(api, "sso-again");
    try (WebClient web = browser()) {
      Flow first = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      JwtClaims before =
          JwksVerification.idToken(
              tokens(first, signIn(web, first, user)).getOIDCTokens().getIDTokenString(),
              ItServer.SPA);

      Flow withinAge = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).maxAge(600);
      assertThat(success(web.getPage(withinAge.url()), withinAge).getAuthorizationCode())
          .isNotNull();

      Flow login = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.LOGIN);
      Page asked = web.getPage(login.url());
      assertThat(status(asked)).isEqualTo(200);
      assertThat(((HtmlPage) asked).getElementById("login")).isNotNull();

      api.moveClock(Duration.ofMinutes(11));
      Flow tooOld = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).maxAge(600);
      HtmlPage again = web.getPage(tooOld.url());
      assertThat(again.getElementById("login")).isNotNull();
      AuthorizationCode code =
          success(submitLogin(again, user, Users.PASSWORD), tooOld).getAuthorizationCode();
      JwtClaims after =
          JwksVerification.idToken(
              tokens(tooOld, code).getOIDCTokens().getIDTokenString(), ItServer.SPA);
      assertThat(after.getClaimValue("auth_time", Long.class))
          .isGreaterThanOrEqualTo(before.getClaimValue("auth_time", Long.class) + 600);
    }
  }

  @Test
  void aCodeUsedTwiceFailsAndRevokesTheSessionItStarted() throws Exception {
    String user = newUser(api, "sso-replay");
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = signIn(web, flow, user);
      OIDCTokenResponse tokens = tokens(flow, code);
      String access = tokens.getTokens().getAccessToken().getValue();
      assertThat(api.get("oauth2/userinfo", access).status()).isEqualTo(200);

      TokenResponse replay = exchange(flow, code, flow.verifier());

      assertThat(replay.indicatesSuccess()).isFalse();
      assertThat(((TokenErrorResponse) replay).getErrorObject().getCode())
          .isEqualTo("invalid_grant");
      assertThat(api.get("oauth2/userinfo", access).status()).isEqualTo(401);
      TokenResponse refreshed = refreshAsSpa(tokens);
      assertThat(refreshed.indicatesSuccess()).isFalse();
      Api.Reply events = api.get("admin/events?type=CODE_REPLAYED", Users.adminToken(api));
      assertThat(events.body()).contains("client " + ItServer.SPA);
    }
  }

  @Test
  void aCodeRacedByItsReplaysOpensOneSessionAndTheReplayRevokesIt() throws Exception {
    String user = newUser(api, "sso-race");
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (WebClient web = browser()) {
      signIn(web, Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT), user);
      for (int trial = 1; trial <= 20; trial++) {
        Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
        AuthorizationCode code = success(web.getPage(flow.url()), flow).getAuthorizationCode();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TokenResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          answers.add(
              pool.submit(
                  () -> {
                    assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
                    return exchange(flow, code, flow.verifier());
                  }));
        }
        start.countDown();
        List<OIDCTokenResponse> won = new ArrayList<>();
        for (Future<TokenResponse> answer : answers) {
          TokenResponse response = answer.get(30, TimeUnit.SECONDS);
          if (response.indicatesSuccess()) {
            won.add((OIDCTokenResponse) response.toSuccessResponse());
          } else {
            assertInvalidGrant(response, "trial " + trial + ", a replay");
          }
        }
        assertThat(won).as("trial %d: 200s", trial).hasSize(1);
        assertInvalidGrant(refreshAsSpa(won.get(0)), "trial " + trial + ", the winner's refresh");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCodeIssuedBeforeAPasswordChangeGetsNoTokens() throws Exception {
    String user = newUser(api, "sso-code-password");
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = signIn(web, flow, user);
      String access = api.login(user, Users.PASSWORD).string("access_token");
      Api.Reply changed =
          api.putJson(
              "users/me/password",
              "{\"current_password\":\""
                  + Users.PASSWORD
                  + "\",\"new_password\":\"another correct horse battery\"}",
              access);
      assertThat(changed.status()).isEqualTo(204);

      assertInvalidGrant(exchange(flow, code, flow.verifier()), "after the password change");
    }
  }

  @Test
  void aCodeIssuedBeforeALogoutGetsNoTokens() throws Exception {
    String user = newUser(api, "sso-code-logout");
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = signIn(web, flow, user);
      HtmlPage confirm = web.getPage(ItServer.ISSUER + "/oauth2/logout?client_id=" + ItServer.SPA);
      Page out =
          ((HtmlForm) confirm.getHtmlElementById("logout")).getButtonByName("action").click();
      assertThat(out.getWebResponse().getWebRequest().getHttpMethod()).isEqualTo(HttpMethod.POST);
      assertThat(status(out)).isEqualTo(200);

      assertInvalidGrant(exchange(flow, code, flow.verifier()), "after the logout");
    }
  }

  @Test
  void aCodeIssuedBeforeTheUserWasDisabledGetsNoTokensEvenOnceReEnabled() throws Exception {
    String user = Users.unique("sso-code-disabled");
    Api.Reply registered = api.register(user, Users.PASSWORD);
    String admin = Users.adminToken(api);
    try (WebClient web = browser()) {
      Flow first = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode whileDisabled = signIn(web, first, user);
      Flow second = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode afterwards =
          success(web.getPage(second.url()), second).getAuthorizationCode();
      String path = "admin/users/" + registered.string("id");
      assertThat(api.patchJson(path, "{\"enabled\":false}", admin).status()).isEqualTo(200);

      assertInvalidGrant(exchange(first, whileDisabled, first.verifier()), "while disabled");

      assertThat(api.patchJson(path, "{\"enabled\":true}", admin).status()).isEqualTo(200);
      assertInvalidGrant(exchange(second, afterwards, second.verifier()), "once enabled again");
    }
  }

  @Test
  void aWrongVerifierOrAnExpiredCodeGetsNoTokens() throws Exception {
    String user = newUser(api, "sso-verifier");
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = signIn(web, flow, user);
      TokenResponse wrong = exchange(flow, code, new CodeVerifier());
      assertThat(((TokenErrorResponse) wrong).getErrorObject().getCode())
          .isEqualTo("invalid_grant");

      Flow late = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode expiring = success(web.getPage(late.url()), late).getAuthorizationCode();
      api.moveClock(Duration.ofSeconds(61));
      TokenResponse expired = exchange(late, expiring, late.verifier());
      assertThat(((TokenErrorResponse) expired).getErrorObject().getCode())
          .isEqualTo("invalid_grant");
    }
  }

  @Test
  void anUnknownClientOrRedirectUriGetsAnErrorPageAndNoRedirect() throws Exception {
    try (WebClient web = browser()) {
      Flow foreign = Flow.of(ItServer.SPA, "https://evil.example.test/callback");
      Page page = web.getPage(foreign.url());
      assertThat(status(page)).isEqualTo(400);
      assertThat(location(page)).isNull();
      assertThat(page.getWebResponse().getContentType()).isEqualTo("text/html");
      assertThat(page.getWebResponse().getContentAsString()).contains("redirect_uri");

      Flow prefix = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT + "/more");
      assertThat(status(web.getPage(prefix.url()))).isEqualTo(400);

      Flow unknown = Flow.of("no-such-client", ItServer.SPA_REDIRECT);
      Page unknownPage = web.getPage(unknown.url());
      assertThat(status(unknownPage)).isEqualTo(400);
      assertThat(location(unknownPage)).isNull();
    }
  }

  @Test
  void otherBadRequestsGoBackToTheClient() throws Exception {
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      String plain =
          flow.url()
              .toString()
              .replace("code_challenge_method=S256", "code_challenge_method=plain");
      assertThat(error(web.getPage(plain), flow).getErrorObject().getCode())
          .isEqualTo("invalid_request");

      String token = flow.url().toString().replace("response_type=code", "response_type=token");
      assertThat(error(web.getPage(token), flow).getErrorObject().getCode())
          .isEqualTo("unsupported_response_type");

      String noPkce = flow.url().toString().replaceAll("&code_challenge(_method)?=[^&]*", "");
      assertThat(error(web.getPage(noPkce), flow).getErrorObject().getCode())
          .isEqualTo("invalid_request");
    }
  }

  @Test
  void aThirdPartyClientAsksForConsentOnceAndADenialGoesBack() throws Exception {
    String user = newUser(api, "sso-consent");
    try (WebClient web = browser()) {
      Flow denied = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT);
      HtmlPage consent = (HtmlPage) submitLogin(web.getPage(denied.url()), user, Users.PASSWORD);
      assertThat(status(consent)).isEqualTo(200);
      assertThat(consent.asNormalizedText()).contains(ItServer.PARTNER_NAME).contains("profile");
      Page no = decide(consent, "deny");
      assertThat(error(no, denied).getErrorObject().getCode()).isEqualTo("access_denied");

      Flow allowed = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT);
      HtmlPage askedAgain = web.getPage(allowed.url());
      assertThat(askedAgain.getElementById("consent")).isNotNull();
      Page yes = decide(askedAgain, "allow");
      assertThat(tokens(allowed, success(yes, allowed).getAuthorizationCode()).getOIDCTokens())
          .isNotNull();

      Flow remembered = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT);
      assertThat(success(web.getPage(remembered.url()), remembered).getAuthorizationCode())
          .isNotNull();
      Api.Reply events = api.get("admin/events?type=CONSENT_GIVEN", Users.adminToken(api));
      assertThat(events.body()).contains("client " + ItServer.PARTNER);
    }
  }

  @Test
  void theLoginFormSharesTheAccountLockOfTheApi() throws Exception {
    String user = newUser(api, "sso-locked");
    for (int i = 0; i < 5; i++) {
      assertThat(api.login(user, "not-the-password").status()).isEqualTo(401);
    }
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);

      HtmlPage locked = (HtmlPage) submitLogin(web.getPage(flow.url()), user, Users.PASSWORD);

      assertThat(status(locked)).isEqualTo(429);
      assertThat(locked.getWebResponse().getResponseHeaderValue("Retry-After")).matches("\\d+");
      assertThat(locked.getHtmlElementById("error").asNormalizedText())
          .startsWith("Too many sign-in attempts.");
      assertThat(web.getCookieManager().getCookie("rotor_sso")).isNull();
    }
  }

  /**
   * A browser that signed in to the account holds a device cookie: strangers' failures, enough to
   * lock every address the account has not signed in from, do not lock it out, wherever it is.
   */
  @Test
  void aBrowserThatSignedInBeforeIsNotLockedOutByStrangers() throws Exception {
    String user = newUser(api, "sso-device");
    try (WebClient web = browser()) {
      web.getOptions().setLocalAddress(InetAddress.getByName(ItServer.TRUSTED_PROXY));
      web.addRequestHeader("X-Forwarded-For", "192.0.2.21");
      signIn(web, Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT), user);
      assertThat(web.getCookieManager().getCookie("rotor_device")).isNotNull();
      web.getCookieManager().removeCookie(web.getCookieManager().getCookie("rotor_sso"));
      for (int attacker = 1; attacker <= 4; attacker++) {
        for (int i = 0; i < 5; i++) {
          assertThat(Users.loginFrom("198.51.100.2" + attacker, user, "not-the-password").status())
              .isEqualTo(401);
        }
      }
      web.removeRequestHeader("X-Forwarded-For");
      web.addRequestHeader("X-Forwarded-For", "203.0.113.121");
      assertThat(Users.loginFrom("203.0.113.122", user, Users.PASSWORD).status())
          .as("a stranger's address, even with the right password")
          .isEqualTo(429);

      Flow again = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      HtmlPage login = web.getPage(again.url());
      Page signedIn = submitLogin(login, user, Users.PASSWORD);

      success(signedIn, again);
    }
  }

  @Test
  void aWrongPasswordShowsTheSamePageWithOneGenericMessage() throws Exception {
    String user = newUser(api, "sso-wrong");
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      HtmlPage wrong = (HtmlPage) submitLogin(web.getPage(flow.url()), user, "not-the-password");
      HtmlPage unknown =
          (HtmlPage) submitLogin(web.getPage(flow.url()), "nobody-" + user, "not-the-password");

      for (HtmlPage page : List.of(wrong, unknown)) {
        assertThat(status(page)).isEqualTo(200);
        assertThat(page.getHtmlElementById("error").asNormalizedText())
            .isEqualTo("Invalid username or password.");
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain("not-the-password");
        assertThat(page.getUrl().toString()).doesNotContain("not-the-password");
      }
      assertThat(web.getCookieManager().getCookie("rotor_sso")).isNull();
    }
  }

  @Test
  void aFormWithoutTheRightCsrfTokenIsRefused() throws Exception {
    String user = newUser(api, "sso-csrf");
    try (WebClient web = browser()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      HtmlPage login = web.getPage(flow.url());
      HtmlForm form = login.getHtmlElementById("login");
      form.getInputByName("csrf_token").setValue("A".repeat(43));
      Page forged = submitLogin(login, user, Users.PASSWORD);
      assertThat(status(forged)).isEqualTo(403);
      assertThat(location(forged)).isNull();

      try (WebClient attacker = browser()) {
        WebRequest post = new WebRequest(AUTHORIZE.toURL(), HttpMethod.POST);
        post.setRequestParameters(
            List.of(
                new NameValuePair("action", "login"),
                new NameValuePair("client_id", ItServer.SPA),
                new NameValuePair("redirect_uri", ItServer.SPA_REDIRECT),
                new NameValuePair("response_type", "code"),
                new NameValuePair("username", user),
                new NameValuePair("password", Users.PASSWORD)));
        assertThat(status(attacker.getPage(post))).isEqualTo(403);
        assertThat(attacker.getCookieManager().getCookie("rotor_sso")).isNull();
      }
      assertThat(web.getCookieManager().getCookie("rotor_sso")).isNull();
    }
  }

  /** Every field of a form, hidden ones included, as the browser would send it. */
  static List<NameValuePair> fields(HtmlForm form) {
    List<NameValuePair> fields = new java.util.ArrayList<>();
    for (var input : form.getElementsByTagName("input")) {
      fields.add(new NameValuePair(input.getAttribute("name"), input.getAttribute("value")));
    }
    return fields;
  }

  /** Posts the fields to the authorization endpoint from the browser, with its cookies. */
  static Page post(WebClient web, List<NameValuePair> fields, NameValuePair... more)
      throws Exception {
    WebRequest post = new WebRequest(AUTHORIZE.toURL(), HttpMethod.POST);
    List<NameValuePair> all = new java.util.ArrayList<>(fields);
    all.removeIf(f -> List.of(more).stream().anyMatch(m -> m.getName().equals(f.getName())));
    all.addAll(List.of(more));
    post.setRequestParameters(all);
    return web.getPage(post);
  }

  @Test
  void aWellFormedCsrfCookieTheServerDidNotMintIsRefused() throws Exception {
    String user = newUser(api, "sso-planted");
    for (String planted : List.of("A".repeat(43), "A".repeat(43) + "." + "B".repeat(43))) {
      try (WebClient web = browser()) {
        Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
        List<NameValuePair> form =
            fields(((HtmlPage) web.getPage(flow.url())).getHtmlElementById("login"));
        web.getCookieManager().clearCookies();
        web.getCookieManager()
            .addCookie(
                new Cookie(
                    URI.create(ItServer.ISSUER).getHost(),
                    "rotor_csrf",
                    planted,
                    "/oauth2/",
                    null,
                    false));

        Page forged =
            post(
                web,
                form,
                new NameValuePair("csrf_token", planted),
                new NameValuePair("username", user),
                new NameValuePair("password", Users.PASSWORD),
                new NameValuePair("action", "login"));

        assertThat(status(forged)).as("cookie and token %s", planted).isEqualTo(403);
        assertThat(web.getCookieManager().getCookie("rotor_sso")).isNull();
      }
    }
  }

  @Test
  void theCsrfTokenIsNewAfterEverySignIn() throws Exception {
    String user = newUser(api, "sso-new-csrf");
    try (WebClient web = browser()) {
      Flow first = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      HtmlPage login = web.getPage(first.url());
      List<NameValuePair> before = fields(login.getHtmlElementById("login"));
      success(submitLogin(login, user, Users.PASSWORD), first);

      Flow again = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.LOGIN);
      HtmlPage asked = web.getPage(again.url());
      List<NameValuePair> after = fields(asked.getHtmlElementById("login"));
      assertThat(value(after, "csrf_token")).isNotEqualTo(value(before, "csrf_token"));

      Page stale =
          post(
              web,
              after,
              new NameValuePair("csrf_token", value(before, "csrf_token")),
              new NameValuePair("username", user),
              new NameValuePair("password", Users.PASSWORD),
              new NameValuePair("action", "login"));
      assertThat(status(stale)).isEqualTo(403);
      success(submitLogin(asked, user, Users.PASSWORD), again);
    }
  }

  static String value(List<NameValuePair> fields, String name) {
    return fields.stream()
        .filter(f -> f.getName().equals(name))
        .map(NameValuePair::getValue)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aConsentDecisionCountsOnlyOnAConsentPageTheServerShowedForThisSignIn() throws Exception {
    String user = newUser(api, "sso-consent-step");
    try (WebClient web = browser()) {
      Flow first = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT).prompt(Prompt.Type.CONSENT);
      HtmlPage consent = (HtmlPage) submitLogin(web.getPage(first.url()), user, Users.PASSWORD);
      List<NameValuePair> shown = fields(consent.getHtmlElementById("consent"));
      String consentToken = value(shown, "csrf_token");

      Flow login = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT).prompt(Prompt.Type.LOGIN);
      HtmlPage asked = web.getPage(login.url());
      Page skipped =
          post(
              web,
              fields(asked.getHtmlElementById("login")),
              new NameValuePair("csrf_token", consentToken),
              new NameValuePair("action", "consent"),
              new NameValuePair("decision", "allow"));
      assertThat(status(skipped)).as("prompt=login is not skipped").isEqualTo(200);
      assertThat(((HtmlPage) skipped).getElementById("login")).isNotNull();

      Page forged =
          post(
              web,
              shown,
              new NameValuePair("consent_step", "99999999999." + "A".repeat(43)),
              new NameValuePair("decision", "allow"));
      assertThat(status(forged)).as("a consent step the server did not start").isEqualTo(200);
      assertThat(((HtmlPage) forged).getElementById("consent")).isNotNull();

      Page allowed = decide(consent, "allow");
      assertThat(tokens(first, success(allowed, first).getAuthorizationCode()).getOIDCTokens())
          .isNotNull();
    }
  }

  @Test
  void aConsentPageLeftOpenPastMaxAgeAsksForThePasswordAgain() throws Exception {
    String user = newUser(api, "sso-consent-age");
    try (WebClient web = browser()) {
      Flow flow =
          Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT)
              .prompt(Prompt.Type.CONSENT)
              .maxAge(300);
      HtmlPage consent = (HtmlPage) submitLogin(web.getPage(flow.url()), user, Users.PASSWORD);
      assertThat(consent.getElementById("consent")).isNotNull();

      api.moveClock(Duration.ofMinutes(6));
      Page late = decide(consent, "allow");

      assertThat(status(late)).isEqualTo(200);
      assertThat(((HtmlPage) late).getElementById("login")).isNotNull();
      assertThat(location(late)).isNull();
    }
  }

  @Test
  void loggingOutOrChangingThePasswordEndsTheSingleSignOnSession() throws Exception {
    String user = newUser(api, "sso-end");
    try (WebClient web = browser()) {
      signIn(web, Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT), user);
      HtmlPage confirm =
          web.getPage(
              ItServer.ISSUER
                  + "/oauth2/logout?client_id="
                  + ItServer.PORTAL
                  + "&post_logout_redirect_uri="
                  + ItServer.PORTAL_LOGGED_OUT
                  + "&state=bye");
      Page out =
          ((HtmlForm) confirm.getHtmlElementById("logout")).getButtonByName("action").click();
      assertThat(status(out)).isEqualTo(303);
      assertThat(location(out)).isEqualTo(ItServer.PORTAL_LOGGED_OUT + "?state=bye");
      Flow silent = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
      assertThat(error(web.getPage(silent.url()), silent).getErrorObject().getCode())
          .isEqualTo("login_required");
    }
    try (WebClient web = browser()) {
      signIn(web, Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT), user);
      String access = api.login(user, Users.PASSWORD).string("access_token");
      Api.Reply changed =
          api.putJson(
              "users/me/password",
              "{\"current_password\":\""
                  + Users.PASSWORD
                  + "\",\"new_password\":\"another correct horse battery\"}",
              access);
      assertThat(changed.status()).isEqualTo(204);
      Flow silent = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
      assertThat(error(web.getPage(silent.url()), silent).getErrorObject().getCode())
          .isEqualTo("login_required");
    }
  }

  @Test
  void disablingTheUserEndsTheSingleSignOnSession() throws Exception {
    String user = Users.unique("sso-disabled");
    Api.Reply registered = api.register(user, Users.PASSWORD);
    try (WebClient web = browser()) {
      signIn(web, Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT), user);
      Api.Reply disabled =
          api.patchJson(
              "admin/users/" + registered.string("id"),
              "{\"enabled\":false}",
              Users.adminToken(api));
      assertThat(disabled.status()).isEqualTo(200);

      Flow silent = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
      assertThat(error(web.getPage(silent.url()), silent).getErrorObject().getCode())
          .isEqualTo("login_required");
    }
  }

  @Test
  void userInfoNeedsScopeOpenid() {
    String access = Users.registeredAndLoggedIn(api, "sso-userinfo").string("access_token");
    Api.Reply refused = api.get("oauth2/userinfo", access);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("WWW-Authenticate")).contains("insufficient_scope");
    assertThat(api.get("oauth2/userinfo", null).status()).isEqualTo(401);
  }

  @Test
  void theDiscoveryDocumentIsValidOpenIdConnectMetadata() throws Exception {
    OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(ItServer.ISSUER));

    assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(AUTHORIZE);
    assertThat(metadata.getUserInfoEndpointURI())
        .isEqualTo(URI.create(ItServer.ISSUER + "/oauth2/userinfo"));
    assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
    assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
    assertThat(metadata.getScopes().toStringList()).contains("openid");
    assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
    assertThat(metadata.getGrantTypes()).contains(GrantType.AUTHORIZATION_CODE);
  }
}
