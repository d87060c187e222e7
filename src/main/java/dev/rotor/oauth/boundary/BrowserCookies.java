package dev.rotor.oauth.boundary;

import dev.rotor.configuration.IssuerSettings;
import dev.rotor.sessions.control.SecretTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The two cookies of the browser pages. {@code rotor_sso} refers to the browser session: path
 * {@code /}, HttpOnly, SameSite=Lax (sent when another site sends the browser here, which is what
 * single sign-on needs), Secure when the issuer is https, gone when the browser closes. {@code
 * rotor_csrf} is the double-submit token of the forms: path {@code /oauth2/}, HttpOnly, the same
 * SameSite and Secure.
 */
@ApplicationScoped
public class BrowserCookies {

  public static final String SSO = "rotor_sso";
  public static final String CSRF = "rotor_csrf";

  @Inject IssuerSettings issuer;

  NewCookie sso(String value) {
    return cookie(SSO, value, "/", -1);
  }

  NewCookie ssoCleared() {
    return cookie(SSO, "", "/", 0);
  }

  NewCookie csrf(String value) {
    return cookie(CSRF, value, "/oauth2/", -1);
  }

  /** The CSRF token to put in a form: the browser's, if it has a well-formed one, or a new one. */
  static String csrfToken(String cookie) {
    return isWellFormed(cookie) ? cookie : SecretTokens.mint();
  }

  /** The form's token equals the cookie's, compared in constant time. */
  static boolean csrfMatches(String cookie, String formToken) {
    return isWellFormed(cookie)
        && formToken != null
        && MessageDigest.isEqual(
            cookie.getBytes(StandardCharsets.US_ASCII),
            formToken.getBytes(StandardCharsets.US_ASCII));
  }

  private static boolean isWellFormed(String token) {
    return token != null && token.matches("[A-Za-z0-9_-]{43}");
  }

  private NewCookie cookie(String name, String value, String path, int maxAge) {
    return new NewCookie.Builder(name)
        .value(value)
        .path(path)
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(issuer.issuer().startsWith("https://"))
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }
}
