package dev.rotor.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * The login, consent, logout and error pages in headless Chromium: a user types, presses the
 * buttons and is sent back to the application, with the browser enforcing the pages' policy and
 * cookies; no page logs an error to the console. Each test has its own browser and user.
 */
@RotorIT
class ChromiumPagesIT {

  static final String END_SESSION = ItServer.ISSUER + "/oauth2/logout";

  Api api;

  static Path screenshots() {
    return ItDatabase.dataDir("screenshots");
  }

  /** The redirect back to the client, parsed as a client library would (state and iss checked). */
  static AuthorizationSuccessResponse returnedTo(Flow flow, String url) throws Exception {
    AuthorizationResponse response = AuthorizationResponse.parse(URI.create(url));
    assertThat(response.getState()).isEqualTo(flow.state());
    assertThat(response.getIssuer()).isEqualTo(new Issuer(ItServer.ISSUER));
    assertThat(response.indicatesSuccess()).as(url).isTrue();
    return response.toSuccessResponse();
  }

  /** Signs in on the login page as a user would: types, then presses Sign in. */
  static void signIn(Chromium browser, String user, String password) {
    browser.type("username", user);
    browser.type("password", password);
    browser.press("login", "action", "login");
  }

  @Test
  void aUserSignsInConsentsAndIsSentBackWithACodeTheClientRedeems() throws Exception {
    String user = Users.registered(api, "chromium-consent");
    Flow flow = Flow.of(ItServer.PARTNER, ItServer.PARTNER_REDIRECT);
    try (Chromium browser = Chromium.start()) {
      browser.open(flow.url().toString());
      assertThat(browser.title()).isEqualTo("Sign in · Rotor");
      assertThat(browser.byId("client").getText()).isEqualTo(ItServer.PARTNER_NAME);

      signIn(browser, user, "not the password");
      assertThat(browser.byId("error").getText()).isNotBlank();
      assertThat(browser.byId("username").getAttribute("value"))
          .as("the name typed stays")
          .isEqualTo(user);
      browser.screenshot(screenshots(), "login-refused");

      signIn(browser, user, Users.PASSWORD);
      assertThat(browser.title()).isEqualTo("Allow access · Rotor");
      assertThat(browser.byId("user").getText()).isEqualTo(user);
      assertThat(browser.byId("scopes").getText()).contains("openid", "profile");
      browser.screenshot(screenshots(), "consent");
      assertThat(browser.consoleErrors()).as("console of the login and consent pages").isEmpty();

      browser.press("consent", "decision", "allow");
      String back = browser.awaitUrl(ItServer.PARTNER_REDIRECT + "?");

      JwtClaims idToken = OidcClient.idToken(flow, returnedTo(flow, back).getAuthorizationCode());
      assertThat(idToken.getClaimValueAsString("preferred_username")).isEqualTo(user);
      assertThat(idToken.getClaimValue("nonce")).isEqualTo(flow.nonce().getValue());
    }
  }

  @Test
  void theSingleSignOnCookieSignsTheBrowserInAgainThenSigningOutOnThePageEndsIt() throws Exception {
    String user = Users.registered(api, "chromium-logout");
    try (Chromium browser = Chromium.start()) {
      Flow first = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      browser.open(first.url().toString());
      signIn(browser, user, Users.PASSWORD);
      returnedTo(first, browser.awaitUrl(ItServer.SPA_REDIRECT + "?"));

      Flow again = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      browser.open(again.url().toString());
      returnedTo(again, browser.awaitUrl(ItServer.SPA_REDIRECT + "?"));

      browser.open(END_SESSION);
      assertThat(browser.title()).isEqualTo("Sign out · Rotor");
      browser.press("logout", "action", "logout");
      assertThat(browser.byId("signed-out").getText()).isEqualTo("You are signed out");
      browser.screenshot(screenshots(), "signed-out");
      assertThat(browser.consoleErrors()).as("console of the logout pages").isEmpty();

      Flow afterwards = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT);
      browser.open(afterwards.url().toString());
      assertThat(browser.title())
          .as("signed out: the login page again")
          .isEqualTo("Sign in · Rotor");
    }
  }

  @Test
  void aLogoutWithAForgedHintShowsTheErrorPageAndGoesNowhere() throws Exception {
    try (Chromium browser = Chromium.start()) {
      String url =
          END_SESSION
              + "?id_token_hint=eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl&post_logout_redirect_uri="
              + URLEncoder.encode(ItServer.PORTAL_LOGGED_OUT, StandardCharsets.UTF_8);

      browser.open(url);

      assertThat(browser.url()).startsWith(END_SESSION);
      assertThat(browser.title()).isEqualTo("Sign-in error · Rotor");
      assertThat(browser.byId("error-code").getText()).isEqualTo("invalid_request");
      assertThat(browser.byId("error-description").getText())
          .contains("not an ID token this provider issued");
      browser.screenshot(screenshots(), "logout-error");
      assertThat(browser.consoleErrors()).as("console of the error page").isEmpty();
    }
  }
}
