package dev.rotor.oauth.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rotor.configuration.IssuerSettings;
import dev.rotor.keys.control.CookieSigner;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The browser cookies' names and attributes, and the CSRF tokens the server can verify. */
class BrowserCookiesTest {

  static final CookieSigner SIGNER =
      new CookieSigner(new SecretKeySpec(new byte[32], "HmacSHA256"));

  static BrowserCookies at(String issuer) {
    return new BrowserCookies(new IssuerSettings(issuer, "rotor"), SIGNER);
  }

  @Test
  void anHttpsIssuerNamesEveryCookieWithTheHostPrefixOnPathSlashAndSecure() {
    BrowserCookies cookies = at("https://auth.example.com");

    assertThat(cookies.name(BrowserCookies.SSO)).isEqualTo("__Host-rotor_sso");
    assertThat(cookies.name(BrowserCookies.CSRF)).isEqualTo(BrowserCookies.HOST_CSRF);
    assertThat(cookies.name(DeviceCookies.NAME)).isEqualTo(DeviceCookies.HOST_NAME);
    assertThat(cookies.path("/oauth2/")).isEqualTo("/");
    assertThat(cookies.secure()).isTrue();
    assertThat(cookies.sent("prefixed", "planted")).isEqualTo("prefixed");
  }

  @Test
  void aLoopbackHttpIssuerKeepsThePlainNames() {
    BrowserCookies cookies = at("http://127.0.0.1:8080");

    assertThat(cookies.name(BrowserCookies.SSO)).isEqualTo("rotor_sso");
    assertThat(cookies.path("/oauth2/")).isEqualTo("/oauth2/");
    assertThat(cookies.secure()).isFalse();
    assertThat(cookies.sent("prefixed", "plain")).isEqualTo("plain");
  }

  @Test
  void aWellFormedCsrfCookieTheServerDidNotMintIsRefused() {
    BrowserCookies cookies = at("http://127.0.0.1:8080");
    String planted = "A".repeat(43) + "." + "B".repeat(43);

    assertThat(cookies.csrfMatches(planted, "C".repeat(43), BrowserCookies.Step.LOGIN)).isFalse();
    assertThat(cookies.csrfCookie(planted)).isNotEqualTo(planted);
  }

  @Test
  void aFormTokenCountsOnlyForItsOwnStepAndCookie() {
    BrowserCookies cookies = at("http://127.0.0.1:8080");
    String cookie = cookies.newCsrfCookie();
    String login = cookies.csrfToken(cookie, BrowserCookies.Step.LOGIN);

    assertThat(cookies.csrfCookie(cookie)).isEqualTo(cookie);
    assertThat(cookies.csrfMatches(cookie, login, BrowserCookies.Step.LOGIN)).isTrue();
    assertThat(cookies.csrfMatches(cookie, login, BrowserCookies.Step.CONSENT)).isFalse();
    assertThat(cookies.csrfMatches(cookies.newCsrfCookie(), login, BrowserCookies.Step.LOGIN))
        .as("a new nonce with every sign-in")
        .isFalse();
  }
}
