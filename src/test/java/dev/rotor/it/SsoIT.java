package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.rotor.it.browser.Browsers;
import dev.rotor.it.browser.Flow;
import dev.rotor.it.browser.OidcClient;
import dev.rotor.it.browser.Pages;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.JwksVerification;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  Api api;

  /** The user's password changes through the API, with a token of a session of its own. */
  void changePassword(String user) {
    String access = api.login(user, Users.PASSWORD).string("access_token");
    Api.Reply changed =
        api.putJson(
            "users/me/password",
            "{\"current_password\":\""
                + Users.PASSWORD
                + "\",\"new_password\":\"another correct horse battery\"}",
            access);
    assertThat(changed.status()).isEqualTo(204);
  }

  /** The browser has no single sign-on session: a silent request comes back login_required. */
  static void assertSignedOut(WebClient web) throws Exception {
    Flow silent = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
    assertThat(silent.errorCode(web)).isEqualTo("login_required");
  }

  @Test
  void theCodeFlowWithPkceSignsAUserInAndTheIdTokenVerifiesFromTheJwksAlone() throws Exception {
    String user = Users.registered(api, "sso");
    Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      HtmlPage login = web.getPage(flow.url());

      assertThat(Pages.status(login)).isEqualTo(200);
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

      Page back = Pages.submitLogin(login, user, Users.PASSWORD);
      AuthorizationCode code = flow.success(back).getAuthorizationCode();
      Cookie sso = web.getCookieManager().getCookie("rotor_sso");
      assertThat(sso).isNotNull();
      assertThat(sso.isHttpOnly()).isTrue();
      assertThat(sso.getSameSite()).isEqualToIgnoringCase("lax");
      assertThat(sso.getPath()).isEqualTo("/");
      assertThat(Pages.location(back)).doesNotContain(Users.PASSWORD.replace(' ', '+'));

      OIDCTokenResponse tokens = OidcClient.tokens(flow, code);
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

      TokenResponse refreshed = OidcClient.refresh(ItServer.SPA, tokens);
      assertThat(refreshed.indicatesSuccess()).isTrue();
    }
  }

  @Test
  void aClientAskingForOpenidAloneStillLearnsTheUsername() throws Exception {
    String user = Users.registered(api, "sso-openid");
    Flow flow = Flow.of(ItServer.PORTAL, ItServer.PORTAL_REDIRECT).scope("openid");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      OIDCTokenResponse tokens = OidcClient.tokens(flow, flow.signIn(web, user, Users.PASSWORD));

      JwtClaims id =
          JwksVerification.idToken(tokens.getOIDCTokens().getIDTokenString(), ItServer.PORTAL);
      assertThat(id.getStringClaimValue("preferred_username")).isEqualTo(user);
      Api.Reply info = api.get("oauth2/userinfo", tokens.getTokens().getAccessToken().getValue());
      assertThat(info.json()).containsEntry("preferred_username", user);
    }
  }

  @Test
  void aSecondClientSignsTheUserInWithoutAPassword() throws Exception {
    String user = Users.registered(api, "sso-second");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow spa = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      JwtClaims first = OidcClient.idToken(spa, spa.signIn(web, user, Users.PASSWORD));

      Flow portal = Flow.of(ItServer.PORTAL, ItServer.PORTAL_REDIRECT);
      Page answer = web.getPage(portal.url());

      AuthorizationCode code = portal.success(answer).getAuthorizationCode();
      JwtClaims second = OidcClient.idToken(portal, code);
      assertThat(second.getSubject()).isEqualTo(first.getSubject());
      assertThat(second.getStringClaimValue("sid")).isEqualTo(first.getStringClaimValue("sid"));
      assertThat(second.getClaimValue("auth_time")).isEqualTo(first.getClaimValue("auth_time"));
    }
  }

  @Test
  void promptNoneAnswersAtOnceWithOrWithoutASession() throws Exception {
    String user = Users.registered(api, "sso-none");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow silent = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
      assertThat(silent.errorCode(web)).isEqualTo("login_required");

      Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).signIn(web, user, Users.PASSWORD);
      Flow again = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
      assertThat(again.codeAtOnce(web)).isNotNull();
    }
  }

  @Test
  void promptLoginAndMaxAgeAskForThePasswordAgain() throws Exception {
    String user = Users.registered(api, "sso-again");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow first = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      JwtClaims before = OidcClient.idToken(first, first.signIn(web, user, Users.PASSWORD));

      Flow withinAge = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).maxAge(600);
      assertThat(withinAge.codeAtOnce(web)).isNotNull();

      Flow login = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.LOGIN);
      Page asked = web.getPage(login.url());
      assertThat(Pages.status(asked)).isEqualTo(200);
      assertThat(((HtmlPage) asked).getElementById("login")).isNotNull();

      api.moveClock(Duration.ofMinutes(11));
      Flow tooOld = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).maxAge(600);
      HtmlPage again = web.getPage(tooOld.url());
      assertThat(again.getElementById("login")).isNotNull();
      AuthorizationCode code =
          tooOld.success(Pages.submitLogin(again, user, Users.PASSWORD)).getAuthorizationCode();
      JwtClaims after = OidcClient.idToken(tooOld, code);
      assertThat(after.getClaimValue("auth_time", Long.class))
          .isGreaterThanOrEqualTo(before.getClaimValue("auth_time", Long.class) + 600);
    }
  }

  @Test
  void aCodeUsedTwiceFailsAndRevokesTheSessionItStarted() throws Exception {
    String user = Users.registered(api, "sso-replay");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = flow.signIn(web, user, Users.PASSWORD);
      OIDCTokenResponse tokens = OidcClient.tokens(flow, code);
      String access = tokens.getTokens().getAccessToken().getValue();
      assertThat(api.get("oauth2/userinfo", access).status()).isEqualTo(200);

      TokenResponse replay = OidcClient.exchange(flow, code, flow.verifier());

      assertThat(replay.indicatesSuccess()).isFalse();
      assertThat(((TokenErrorResponse) replay).getErrorObject().getCode())
          .isEqualTo("invalid_grant");
      assertThat(api.get("oauth2/userinfo", access).status()).isEqualTo(401);
      TokenResponse refreshed = OidcClient.refresh(ItServer.SPA, tokens);
      assertThat(refreshed.indicatesSuccess()).isFalse();
      Api.Reply events = api.get("admin/events?type=CODE_REPLAYED", Users.adminToken(api));
      assertThat(events.body()).contains("client " + ItServer.SPA);
    }
  }

  @Test
  void aCodeRacedByItsReplaysOpensOneSessionAndTheReplayRevokesIt() throws Exception {
    String user = Users.registered(api, "sso-race");
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).signIn(web, user, Users.PASSWORD);
      for (int trial = 1; trial <= 20; trial++) {
        Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
        AuthorizationCode code = flow.codeAtOnce(web);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TokenResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          answers.add(
              pool.submit(
                  () -> {
                    assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
                    return OidcClient.exchange(flow, code, flow.verifier());
                  }));
        }
        start.countDown();
        List<OIDCTokenResponse> won = new ArrayList<>();
        for (Future<TokenResponse> answer : answers) {
          TokenResponse response = answer.get(30, TimeUnit.SECONDS);
          if (response.indicatesSuccess()) {
            won.add((OIDCTokenResponse) response.toSuccessResponse());
          } else {
            OidcClient.assertInvalidGrant(response, "trial " + trial + ", a replay");
          }
        }
        assertThat(won).as("trial %d: 200s", trial).hasSize(1);
        OidcClient.assertInvalidGrant(
            OidcClient.refresh(ItServer.SPA, won.get(0)),
            "trial " + trial + ", the winner's refresh");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCodeIssuedBeforeAPasswordChangeGetsNoTokens() throws Exception {
    String user = Users.registered(api, "sso-code-password");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = flow.signIn(web, user, Users.PASSWORD);
      changePassword(user);

      OidcClient.assertCodeRefused(flow, code, "after the password change");
    }
  }

  @Test
  void aCodeIssuedBeforeALogoutGetsNoTokens() throws Exception {
    String user = Users.registered(api, "sso-code-logout");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = flow.signIn(web, user, Users.PASSWORD);
      Page out = Pages.logOut(web, ItServer.ISSUER + "/oauth2/logout?client_id=" + ItServer.SPA);
      assertThat(out.getWebResponse().getWebRequest().getHttpMethod()).isEqualTo(HttpMethod.POST);
      assertThat(Pages.status(out)).isEqualTo(200);

      OidcClient.assertCodeRefused(flow, code, "after the logout");
    }
  }

  @Test
  void aCodeIssuedBeforeTheUserWasDisabledGetsNoTokensEvenOnceReEnabled() throws Exception {
    String user = Users.unique("sso-code-disabled");
    Api.Reply registered = api.register(user, Users.PASSWORD);
    String admin = Users.adminToken(api);
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow first = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode whileDisabled = first.signIn(web, user, Users.PASSWORD);
      Flow second = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode afterwards = second.codeAtOnce(web);
      String path = "admin/users/" + registered.string("id");
      assertThat(api.patchJson(path, "{\"enabled\":false}", admin).status()).isEqualTo(200);

      OidcClient.assertCodeRefused(first, whileDisabled, "while disabled");

      assertThat(api.patchJson(path, "{\"enabled\":true}", admin).status()).isEqualTo(200);
      OidcClient.assertCodeRefused(second, afterwards, "once enabled again");
    }
  }

  @Test
  void aWrongVerifierOrAnExpiredCodeGetsNoTokens() throws Exception {
    String user = Users.registered(api, "sso-verifier");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode code = flow.signIn(web, user, Users.PASSWORD);
      TokenResponse wrong = OidcClient.exchange(flow, code, new CodeVerifier());
      assertThat(((TokenErrorResponse) wrong).getErrorObject().getCode())
          .isEqualTo("invalid_grant");

      Flow late = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      AuthorizationCode expiring = late.codeAtOnce(web);
      api.moveClock(Duration.ofSeconds(61));
      TokenResponse expired = OidcClient.exchange(late, expiring, late.verifier());
      assertThat(((TokenErrorResponse) expired).getErrorObject().getCode())
          .isEqualTo("invalid_grant");
    }
  }

  @Test
  void anUnknownClientOrRedirectUriGetsAnErrorPageAndNoRedirect() throws Exception {
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow foreign = Flow.of(ItServer.SPA, "https://evil.example.test/callback");
      Page page = web.getPage(foreign.url());
      assertThat(Pages.status(page)).isEqualTo(400);
      assertThat(Pages.location(page)).isNull();
      assertThat(page.getWebResponse().getContentType()).isEqualTo("text/html");
      assertThat(page.getWebResponse().getContentAsString()).contains("redirect_uri");

      Flow prefix = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT + "/more");
      assertThat(Pages.status(web.getPage(prefix.url()))).isEqualTo(400);

      Flow unknown = Flow.of("no-such-client", ItServer.SPA_REDIRECT);
      Page unknownPage = web.getPage(unknown.url());
      assertThat(Pages.status(unknownPage)).isEqualTo(400);
      assertThat(Pages.location(unknownPage)).isNull();
    }
  }

  @Test
  void otherBadRequestsGoBackToTheClient() throws Exception {
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      String plain =
          flow.url()
              .toString()
              .replace("code_challenge_method=S256", "code_challenge_method=plain");
      assertThat(flow.error(web.getPage(plain)).getErrorObject().getCode())
          .isEqualTo("invalid_request");

      String token = flow.url().toString().replace("response_type=code", "response_type=token");
      assertThat(flow.error(web.getPage(token)).getErrorObject().getCode())
          .isEqualTo("unsupported_response_type");

      String noPkce = flow.url().toString().replaceAll("&code_challenge(_method)?=[^&]*", "");
      assertThat(flow.error(web.getPage(noPkce)).getErrorObject().getCode())
          .isEqualTo("invalid_request");
    }
  }

  @Test
  void aThirdPartyClientAsksForConsentOnceAndADenialGoesBack() throws Exception {
    String user = Users.registered(api, "sso-consent");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow denied = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT);
      HtmlPage consent =
          (HtmlPage) Pages.submitLogin(web.getPage(denied.url()), user, Users.PASSWORD);
      assertThat(Pages.status(consent)).isEqualTo(200);
      assertThat(consent.asNormalizedText()).contains(ItServer.PARTNER_NAME).contains("profile");
      Page no = Pages.decide(consent, "deny");
      assertThat(denied.error(no).getErrorObject().getCode()).isEqualTo("access_denied");

      Flow allowed = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT);
      HtmlPage askedAgain = web.getPage(allowed.url());
      assertThat(askedAgain.getElementById("consent")).isNotNull();
      Page yes = Pages.decide(askedAgain, "allow");
      assertThat(
              OidcClient.tokens(allowed, allowed.success(yes).getAuthorizationCode())
                  .getOIDCTokens())
          .isNotNull();

      Flow remembered = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT);
      assertThat(remembered.codeAtOnce(web)).isNotNull();
      Api.Reply events = api.get("admin/events?type=CONSENT_GIVEN", Users.adminToken(api));
      assertThat(events.body()).contains("client " + ItServer.PARTNER);
    }
  }

  @Test
  void theLoginFormSharesTheAccountLockOfTheApi() throws Exception {
    String user = Users.registered(api, "sso-locked");
    for (int i = 0; i < 5; i++) {
      assertThat(api.login(user, "not-the-password").status()).isEqualTo(401);
    }
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);

      HtmlPage locked = (HtmlPage) Pages.submitLogin(web.getPage(flow.url()), user, Users.PASSWORD);

      assertThat(Pages.status(locked)).isEqualTo(429);
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
    String user = Users.registered(api, "sso-device");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      web.getOptions().setLocalAddress(InetAddress.getByName(ItServer.TRUSTED_PROXY));
      web.addRequestHeader("X-Forwarded-For", "192.0.2.21");
      Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).signIn(web, user, Users.PASSWORD);
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
      Page signedIn = Pages.submitLogin(login, user, Users.PASSWORD);

      again.success(signedIn);
    }
  }

  @Test
  void aWrongPasswordShowsTheSamePageWithOneGenericMessage() throws Exception {
    String user = Users.registered(api, "sso-wrong");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      HtmlPage wrong =
          (HtmlPage) Pages.submitLogin(web.getPage(flow.url()), user, "not-the-password");
      HtmlPage unknown =
          (HtmlPage)
              Pages.submitLogin(web.getPage(flow.url()), "nobody-" + user, "not-the-password");

      for (HtmlPage page : List.of(wrong, unknown)) {
        assertThat(Pages.status(page)).isEqualTo(200);
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
    String user = Users.registered(api, "sso-csrf");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      HtmlPage login = web.getPage(flow.url());
      HtmlForm form = login.getHtmlElementById("login");
      form.getInputByName("csrf_token").setValue("A".repeat(43));
      Page forged = Pages.submitLogin(login, user, Users.PASSWORD);
      assertThat(Pages.status(forged)).isEqualTo(403);
      assertThat(Pages.location(forged)).isNull();

      try (WebClient attacker = Browsers.stoppingAtRedirects()) {
        WebRequest post = new WebRequest(OidcClient.AUTHORIZE.toURL(), HttpMethod.POST);
        post.setRequestParameters(
            List.of(
                new NameValuePair("action", "login"),
                new NameValuePair("client_id", ItServer.SPA),
                new NameValuePair("redirect_uri", ItServer.SPA_REDIRECT),
                new NameValuePair("response_type", "code"),
                new NameValuePair("username", user),
                new NameValuePair("password", Users.PASSWORD)));
        assertThat(Pages.status(attacker.getPage(post))).isEqualTo(403);
        assertThat(attacker.getCookieManager().getCookie("rotor_sso")).isNull();
      }
      assertThat(web.getCookieManager().getCookie("rotor_sso")).isNull();
    }
  }

  @Test
  void aWellFormedCsrfCookieTheServerDidNotMintIsRefused() throws Exception {
    String user = Users.registered(api, "sso-planted");
    for (String planted : List.of("A".repeat(43), "A".repeat(43) + "." + "B".repeat(43))) {
      try (WebClient web = Browsers.stoppingAtRedirects()) {
        Flow flow = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
        List<NameValuePair> form =
            Pages.fields(((HtmlPage) web.getPage(flow.url())).getHtmlElementById("login"));
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
            Pages.post(
                web,
                form,
                new NameValuePair("csrf_token", planted),
                new NameValuePair("username", user),
                new NameValuePair("password", Users.PASSWORD),
                new NameValuePair("action", "login"));

        assertThat(Pages.status(forged)).as("cookie and token %s", planted).isEqualTo(403);
        assertThat(web.getCookieManager().getCookie("rotor_sso")).isNull();
      }
    }
  }

  @Test
  void theCsrfTokenIsNewAfterEverySignIn() throws Exception {
    String user = Users.registered(api, "sso-new-csrf");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow first = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      HtmlPage login = web.getPage(first.url());
      List<NameValuePair> before = Pages.fields(login.getHtmlElementById("login"));
      first.success(Pages.submitLogin(login, user, Users.PASSWORD));

      Flow again = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.LOGIN);
      HtmlPage asked = web.getPage(again.url());
      List<NameValuePair> after = Pages.fields(asked.getHtmlElementById("login"));
      assertThat(Pages.value(after, "csrf_token")).isNotEqualTo(Pages.value(before, "csrf_token"));

      Page stale =
          Pages.post(
              web,
              after,
              new NameValuePair("csrf_token", Pages.value(before, "csrf_token")),
              new NameValuePair("username", user),
              new NameValuePair("password", Users.PASSWORD),
              new NameValuePair("action", "login"));
      assertThat(Pages.status(stale)).isEqualTo(403);
      again.success(Pages.submitLogin(asked, user, Users.PASSWORD));
    }
  }

  @Test
  void aConsentDecisionCountsOnlyOnAConsentPageTheServerShowedForThisSignIn() throws Exception {
    String user = Users.registered(api, "sso-consent-step");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow first = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT).prompt(Prompt.Type.CONSENT);
      HtmlPage consent =
          (HtmlPage) Pages.submitLogin(web.getPage(first.url()), user, Users.PASSWORD);
      List<NameValuePair> shown = Pages.fields(consent.getHtmlElementById("consent"));
      String consentToken = Pages.value(shown, "csrf_token");

      Flow login = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT).prompt(Prompt.Type.LOGIN);
      HtmlPage asked = web.getPage(login.url());
      Page skipped =
          Pages.post(
              web,
              Pages.fields(asked.getHtmlElementById("login")),
              new NameValuePair("csrf_token", consentToken),
              new NameValuePair("action", "consent"),
              new NameValuePair("decision", "allow"));
      assertThat(Pages.status(skipped)).as("prompt=login is not skipped").isEqualTo(200);
      assertThat(((HtmlPage) skipped).getElementById("login")).isNotNull();

      Page forged =
          Pages.post(
              web,
              shown,
              new NameValuePair("consent_step", "99999999999." + "A".repeat(43)),
              new NameValuePair("decision", "allow"));
      assertThat(Pages.status(forged)).as("a consent step the server did not start").isEqualTo(200);
      assertThat(((HtmlPage) forged).getElementById("consent")).isNotNull();

      Page allowed = Pages.decide(consent, "allow");
      assertThat(
              OidcClient.tokens(first, first.success(allowed).getAuthorizationCode())
                  .getOIDCTokens())
          .isNotNull();
    }
  }

  @Test
  void aConsentPageLeftOpenPastMaxAgeAsksForThePasswordAgain() throws Exception {
    String user = Users.registered(api, "sso-consent-age");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow flow =
          Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT)
              .prompt(Prompt.Type.CONSENT)
              .maxAge(300);
      HtmlPage consent =
          (HtmlPage) Pages.submitLogin(web.getPage(flow.url()), user, Users.PASSWORD);
      assertThat(consent.getElementById("consent")).isNotNull();

      api.moveClock(Duration.ofMinutes(6));
      Page late = Pages.decide(consent, "allow");

      assertThat(Pages.status(late)).isEqualTo(200);
      assertThat(((HtmlPage) late).getElementById("login")).isNotNull();
      assertThat(Pages.location(late)).isNull();
    }
  }

  @Test
  void loggingOutOrChangingThePasswordEndsTheSingleSignOnSession() throws Exception {
    String user = Users.registered(api, "sso-end");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).signIn(web, user, Users.PASSWORD);
      Page out =
          Pages.logOut(
              web,
              ItServer.ISSUER
                  + "/oauth2/logout?client_id="
                  + ItServer.PORTAL
                  + "&post_logout_redirect_uri="
                  + ItServer.PORTAL_LOGGED_OUT
                  + "&state=bye");
      assertThat(Pages.status(out)).isEqualTo(303);
      assertThat(Pages.location(out)).isEqualTo(ItServer.PORTAL_LOGGED_OUT + "?state=bye");
      assertSignedOut(web);
    }
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).signIn(web, user, Users.PASSWORD);
      changePassword(user);
      assertSignedOut(web);
    }
  }

  @Test
  void disablingTheUserEndsTheSingleSignOnSession() throws Exception {
    String user = Users.unique("sso-disabled");
    Api.Reply registered = api.register(user, Users.PASSWORD);
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).signIn(web, user, Users.PASSWORD);
      Api.Reply disabled =
          api.patchJson(
              "admin/users/" + registered.string("id"),
              "{\"enabled\":false}",
              Users.adminToken(api));
      assertThat(disabled.status()).isEqualTo(200);

      assertSignedOut(web);
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

    assertThat(metadata.getAuthorizationEndpointURI()).isEqualTo(OidcClient.AUTHORIZE);
    assertThat(metadata.getUserInfoEndpointURI())
        .isEqualTo(URI.create(ItServer.ISSUER + "/oauth2/userinfo"));
    assertThat(metadata.getResponseTypes()).containsExactly(ResponseType.CODE);
    assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
    assertThat(metadata.getScopes().toStringList()).contains("openid");
    assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
    assertThat(metadata.getGrantTypes()).contains(GrantType.AUTHORIZATION_CODE);
  }
}
