package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.openid.connect.sdk.Prompt;
import dev.rotor.it.browser.Browsers;
import dev.rotor.it.browser.Flow;
import dev.rotor.it.browser.OidcClient;
import dev.rotor.it.browser.Pages;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) as an application sends it: a real
 * browser signed in through the code flow, then sent to the end-session endpoint with the ID token
 * the application received. Every test has its own browser and user.
 */
@RotorIT
class LogoutIT {

  static final String END_SESSION = ItServer.ISSUER + "/oauth2/logout";

  Api api;

  /** Signs the browser in to the portal and answers the ID token the portal received. */
  static String signedInToThePortal(WebClient web, String user) throws Exception {
    Flow flow = Flow.of(ItServer.PORTAL, ItServer.PORTAL_REDIRECT);
    return OidcClient.tokens(flow, flow.signIn(web, user, Users.PASSWORD))
        .getOIDCTokens()
        .getIDTokenString();
  }

  static String logout(String... pairs) {
    StringBuilder url = new StringBuilder(END_SESSION);
    for (int i = 0; i < pairs.length; i += 2) {
      url.append(i == 0 ? '?' : '&')
          .append(pairs[i])
          .append('=')
          .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return url.toString();
  }

  /** The browser's single sign-on session answers the portal's silent request with a code. */
  static void assertStillSignedIn(WebClient web) throws Exception {
    Flow silent = Flow.of(ItServer.PORTAL, ItServer.PORTAL_REDIRECT).prompt(Prompt.Type.NONE);
    assertThat(silent.codeAtOnce(web)).isNotNull();
  }

  static void assertSignedOut(WebClient web) throws Exception {
    Flow silent = Flow.of(ItServer.SPA, ItServer.SPA_REDIRECT).prompt(Prompt.Type.NONE);
    assertThat(silent.errorCode(web)).isEqualTo("login_required");
  }

  static void assertErrorPage(Page page, String says) {
    assertThat(Pages.status(page)).isEqualTo(400);
    assertThat(Pages.location(page)).isNull();
    assertThat(page.getWebResponse().getContentType()).isEqualTo("text/html");
    assertThat(((HtmlPage) page).asNormalizedText()).contains(says);
  }

  @Test
  void aValidHintSignsOutAtOnceAndReturnsToTheRegisteredUriWithState() throws Exception {
    String user = Users.registered(api, "logout-hint");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      String idToken = signedInToThePortal(web, user);

      Page out =
          web.getPage(
              logout(
                  "id_token_hint",
                  idToken,
                  "post_logout_redirect_uri",
                  ItServer.PORTAL_LOGGED_OUT,
                  "state",
                  "bye",
                  "ui_locales",
                  "de-CH en"));

      assertThat(Pages.status(out)).isEqualTo(303);
      assertThat(Pages.location(out)).isEqualTo(ItServer.PORTAL_LOGGED_OUT + "?state=bye");
      assertSignedOut(web);

      // Signed out already: the application's own logout still gets back to it.
      Page again =
          web.getPage(
              logout(
                  "id_token_hint", idToken,
                  "client_id", ItServer.PORTAL,
                  "post_logout_redirect_uri", ItServer.PORTAL_LOGGED_OUT));
      assertThat(Pages.status(again)).isEqualTo(303);
      assertThat(Pages.location(again)).isEqualTo(ItServer.PORTAL_LOGGED_OUT);
    }
  }

  @Test
  void aValidHintWithoutARedirectShowsTheSignedOutPage() throws Exception {
    String user = Users.registered(api, "logout-page");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      String idToken = signedInToThePortal(web, user);

      Page out = web.getPage(logout("id_token_hint", idToken));

      assertThat(Pages.status(out)).isEqualTo(200);
      assertThat(((HtmlPage) out).getElementById("signed-out")).isNotNull();
      assertSignedOut(web);
    }
  }

  @Test
  void aHintForAnotherBrowserSessionAsksTheUserFirst() throws Exception {
    String user = Users.registered(api, "logout-other");
    String otherBrowsersToken;
    try (WebClient other = Browsers.stoppingAtRedirects()) {
      otherBrowsersToken = signedInToThePortal(other, user);
    }
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      signedInToThePortal(web, user);

      Page asked = web.getPage(logout("id_token_hint", otherBrowsersToken));

      assertThat(Pages.status(asked)).isEqualTo(200);
      assertThat(((HtmlPage) asked).getElementById("logout")).isNotNull();
      assertStillSignedIn(web);
    }
  }

  @Test
  void aBadRequestGetsAnErrorPageNeverARedirectAndTheUserStaysSignedIn() throws Exception {
    String user = Users.registered(api, "logout-bad");
    try (WebClient web = Browsers.stoppingAtRedirects()) {
      String idToken = signedInToThePortal(web, user);
      String[] parts = idToken.split("\\.");
      String forged =
          parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse().toString();
      String accessToken = api.login(user, Users.PASSWORD).string("access_token");

      assertErrorPage(
          web.getPage(
              logout(
                  "id_token_hint", forged, "post_logout_redirect_uri", ItServer.PORTAL_LOGGED_OUT)),
          "not an ID token this provider issued");
      assertErrorPage(
          web.getPage(logout("id_token_hint", accessToken)),
          "not an ID token this provider issued");
      assertErrorPage(
          web.getPage(logout("id_token_hint", idToken, "client_id", ItServer.SPA)),
          "not the client the id_token_hint was issued to");
      assertErrorPage(
          web.getPage(
              logout(
                  "id_token_hint",
                  idToken,
                  "post_logout_redirect_uri",
                  "https://evil.example.test/")),
          "not registered for the client");
      assertErrorPage(
          web.getPage(
              logout(
                  "client_id",
                  ItServer.PORTAL,
                  "post_logout_redirect_uri",
                  ItServer.PORTAL_LOGGED_OUT + "/")),
          "not registered for the client");
      assertErrorPage(
          web.getPage(logout("post_logout_redirect_uri", ItServer.PORTAL_LOGGED_OUT)),
          "needs the client");
      assertErrorPage(
          web.getPage(logout("client_id", "no-such-client")), "The client is not registered");

      assertStillSignedIn(web);
    }
  }
}
