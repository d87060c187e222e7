package dev.rotor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.it.browser.Pages;
import dev.rotor.it.browser.RecordingBrowser;
import dev.rotor.it.rp.ProfileServlet;
import dev.rotor.it.rp.RelyingPartyServer;
import dev.rotor.it.support.Api;
import dev.rotor.it.support.ItDatabase;
import dev.rotor.it.support.ItServer;
import dev.rotor.it.support.RotorIT;
import dev.rotor.it.support.Users;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rotor as the OpenID provider of an ordinary Jakarta EE application: a small WAR (package {@code
 * dev.rotor.it.rp}) whose page is protected by Jakarta Security's own OpenID Connect mechanism, on
 * its own Payara Micro. A headless browser follows every redirect, as a real one would.
 */
@RotorIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelyingPartyIT {

  static final String AUTHORIZE = ItServer.ISSUER + "/oauth2/authorize";
  static final String PROFILE = RelyingPartyServer.url(ProfileServlet.PATH);

  Api api;

  private RelyingPartyServer rp;

  @BeforeAll
  void startTheRelyingParty() {
    rp =
        RelyingPartyServer.start(
            ItDatabase.dataDir("relying-party"),
            ItDatabase.dataDir("logs").resolve("relying-party.log"));
  }

  @AfterAll
  void stopTheRelyingParty() {
    if (rp != null) {
      rp.close();
    }
  }

  /**
   * Visits the protected page without a session, meets Rotor's login page and signs in there:
   * answers the page the browser lands on.
   */
  HtmlPage signInThroughRotor(RecordingBrowser browser, String user) throws Exception {
    Page first = browser.web().getPage(PROFILE);
    assertThat(first.getUrl().toString())
        .as(
            "the relying party sends the browser to Rotor's login; relying party log %s%s",
            rp.problems(), browser.trail())
        .startsWith(AUTHORIZE + "?");
    assertThat(first.getWebResponse().getStatusCode())
        .as(first.getWebResponse().getContentAsString())
        .isEqualTo(200);
    Page landed = Pages.submitLogin((HtmlPage) first, user, Users.PASSWORD);
    assertThat(landed)
        .as("%s%s", landed.getWebResponse().getContentAsString(), browser.trail())
        .isInstanceOf(HtmlPage.class);
    return (HtmlPage) landed;
  }

  /** The protected page, showing this user: not just any 200. */
  void assertOnTheProfileOf(HtmlPage page, String user, RecordingBrowser browser) {
    String body = page.getWebResponse().getContentAsString();
    String why =
        "relying party log " + rp.problems() + "\npage:\n" + body + "\nrequests:" + browser.trail();
    // Jakarta Security (Soteria) sends the browser on to the page it first asked for with the
    // callback's query (code, state, iss) appended: compare without the query.
    assertThat(page.getUrl().toString().replaceFirst("\\?.*", "")).as(why).isEqualTo(PROFILE);
    assertThat(page.getWebResponse().getStatusCode()).as(why).isEqualTo(200);
    assertThat(page.getElementById("caller")).as(why).isNotNull();
    assertThat(page.getElementById("caller").asNormalizedText()).as(why).isEqualTo(user);
    assertThat(page.asNormalizedText()).as(why).contains("Signed in as " + user);
    assertThat(page.getElementById("roles").asNormalizedText().split(" "))
        .as(why)
        .containsExactly("user");
    assertThat(page.getElementById("groups").asNormalizedText().split(" "))
        .as(why)
        .contains("user");
    assertThat(page.getElementById("subject").asNormalizedText()).as(why).isNotBlank();
  }

  @Test
  void aJakartaSecurityAppSendsTheUserToRotorsLoginAndShowsWhoSignedIn() throws Exception {
    String user = Users.registered(api, "rp");
    try (RecordingBrowser browser = new RecordingBrowser()) {
      HtmlPage page = signInThroughRotor(browser, user);

      assertOnTheProfileOf(page, user, browser);
      // What Jakarta Security asked Rotor for: a code, with a nonce and the registered callback.
      String authorize =
          browser.hops().stream()
              .map(RecordingBrowser.Hop::url)
              .filter(url -> url.startsWith(AUTHORIZE + "?"))
              .findFirst()
              .orElseThrow();
      Map<String, String> asked = query(authorize);
      assertThat(asked)
          .as(browser.trail())
          .containsEntry("client_id", ItServer.RP)
          .containsEntry("response_type", "code")
          .containsEntry("redirect_uri", ItServer.RP_REDIRECT)
          .containsKeys("state", "nonce");
      assertThat(asked.get("scope").split(" ")).contains("openid");
      assertThat(browser.web().getCookieManager().getCookie("rotor_sso")).isNotNull();
    }
  }

  @Test
  void whenTheAppSessionEndsRotorsSingleSignOnSignsTheUserInAgainWithoutAPassword()
      throws Exception {
    String user = Users.registered(api, "rp-sso");
    try (RecordingBrowser browser = new RecordingBrowser()) {
      HtmlPage first = signInThroughRotor(browser, user);
      assertOnTheProfileOf(first, user, browser);
      String subject = first.getElementById("subject").asNormalizedText();

      // The app's session ends: its cookies (JSESSIONID on /rp) go; Rotor's rotor_sso stays.
      List<Cookie> appCookies =
          browser.web().getCookieManager().getCookies().stream()
              .filter(c -> c.getPath() != null && c.getPath().startsWith("/rp"))
              .toList();
      assertThat(appCookies).extracting(Cookie::getName).contains("JSESSIONID");
      appCookies.forEach(browser.web().getCookieManager()::removeCookie);
      assertThat(browser.web().getCookieManager().getCookie("rotor_sso")).isNotNull();
      browser.hops().clear();

      Page again = browser.web().getPage(PROFILE);

      assertThat(again).as(browser.trail()).isInstanceOf(HtmlPage.class);
      assertOnTheProfileOf((HtmlPage) again, user, browser);
      assertThat(((HtmlPage) again).getElementById("subject").asNormalizedText())
          .isEqualTo(subject);
      // Really a new sign-in through Rotor, not the old session: the page sent the browser to
      // Rotor, which sent it straight back with a code.
      assertThat(browser.hops())
          .as(browser.trail())
          .anySatisfy(hop -> assertThat(hop.url()).startsWith(AUTHORIZE + "?"))
          .anySatisfy(
              hop -> {
                assertThat(hop.url()).startsWith(ItServer.RP_REDIRECT + "?");
                assertThat(query(hop.url())).containsKey("code");
              });
      assertThat(browser.hops())
          .as("no password asked, nothing posted:%s", browser.trail())
          .allSatisfy(
              hop -> {
                assertThat(hop.method()).isEqualTo("GET");
                assertThat(hop.body())
                    .doesNotContainIgnoringCase("type=\"password\"")
                    .doesNotContainIgnoringCase("name=\"password\"");
              });
      assertThat(((HtmlPage) again).getElementById("login")).isNull();
    }
  }

  /** The query parameters of a URL, decoded. */
  static Map<String, String> query(String url) {
    return URI.create(url).getRawQuery() == null
        ? Map.of()
        : Arrays.stream(URI.create(url).getRawQuery().split("&"))
            .map(p -> p.split("=", 2))
            .collect(
                Collectors.toMap(
                    p -> decode(p[0]), p -> p.length > 1 ? decode(p[1]) : "", (a, b) -> a));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
