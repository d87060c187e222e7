package dev.rotor.oauth.boundary;

import dev.rotor.configuration.IssuerSettings;
import dev.rotor.keys.control.CookieSigner;
import dev.rotor.security.SecretTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The cookies of the browser pages. {@code rotor_sso} refers to the browser session: path {@code
 * /}, HttpOnly, SameSite=Lax (sent when another site sends the browser here, which is what single
 * sign-on needs), gone when the browser closes. {@code rotor_csrf} holds a nonce the forms' tokens
 * are derived from: path {@code /oauth2/}, HttpOnly, the same SameSite. With an https issuer every
 * cookie is Secure and named with the {@code __Host-} prefix, on path {@code /} without a domain,
 * so that a sibling subdomain cannot plant one (browsers refuse a {@code __Host-} cookie set any
 * other way); only the prefixed name is read then.
 *
 * <p>A CSRF cookie is a nonce and the server's signature of it ({@link CookieSigner}): a
 * well-formed value the server did not mint is refused. Each form's token is the server's signature
 * of the nonce for the form's step (login, consent, logout), so a token taken from one form does
 * not pass for another; the nonce is new at every sign-in.
 */
@ApplicationScoped
public class BrowserCookies {

  public static final String SSO = "rotor_sso";
  public static final String CSRF = "rotor_csrf";
  static final String HOST_PREFIX = "__Host-";
  static final String HOST_SSO = HOST_PREFIX + SSO;
  static final String HOST_CSRF = HOST_PREFIX + CSRF;

  private static final String PART = "[A-Za-z0-9_-]{43}";

  /** The forms whose tokens differ. */
  enum Step {
    LOGIN,
    CONSENT,
    LOGOUT
  }

  @Inject IssuerSettings issuer;

  @Inject CookieSigner signer;

  protected BrowserCookies() {}

  BrowserCookies(IssuerSettings issuer, CookieSigner signer) {
    this.issuer = issuer;
    this.signer = signer;
  }

  /** The name a cookie has here: {@code __Host-} and the name with an https issuer. */
  String name(String base) {
    return secure() ? HOST_PREFIX + base : base;
  }

  /**
   * The value the browser sent for a cookie, from its prefixed and its plain name: with an https
   * issuer only the prefixed one counts, since anyone on a sibling host may set the plain one.
   */
  String sent(String prefixed, String plain) {
    return secure() ? prefixed : plain;
  }

  NewCookie sso(String value) {
    return cookie(SSO, value, "/", -1, NewCookie.SameSite.LAX);
  }

  NewCookie ssoCleared() {
    return cookie(SSO, "", "/", 0, NewCookie.SameSite.LAX);
  }

  NewCookie csrf(String value) {
    return cookie(CSRF, value, "/oauth2/", -1, NewCookie.SameSite.LAX);
  }

  /** A cookie that outlives the browser's session, only for the pages under {@code /oauth2/}. */
  NewCookie persistent(String base, String value, Duration maxAge) {
    return cookie(
        base,
        value,
        "/oauth2/",
        (int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()),
        NewCookie.SameSite.STRICT);
  }

  /** The browser's CSRF cookie when the server minted it, or a new one. */
  String csrfCookie(String cookie) {
    return isMinted(cookie) ? cookie : newCsrfCookie();
  }

  /** A CSRF cookie with a new nonce, as every sign-in gets. */
  String newCsrfCookie() {
    String nonce = SecretTokens.mint();
    return nonce + "." + signer.sign("csrf-cookie", nonce);
  }

  /** The token of a form of {@code step} for a cookie that {@link #csrfCookie} gave. */
  String csrfToken(String cookie, Step step) {
    return signer.sign("csrf-form-" + step, nonce(cookie));
  }

  /** Whether the cookie is one the server minted and the form's token is its token for the step. */
  boolean csrfMatches(String cookie, String formToken, Step step) {
    return isMinted(cookie)
        && formToken != null
        && signer.verifies(formToken, "csrf-form-" + step, nonce(cookie));
  }

  private boolean isMinted(String cookie) {
    if (cookie == null || !cookie.matches(PART + "\\." + PART)) {
      return false;
    }
    int dot = cookie.indexOf('.');
    return signer.verifies(cookie.substring(dot + 1), "csrf-cookie", cookie.substring(0, dot));
  }

  private static String nonce(String cookie) {
    return cookie.substring(0, cookie.indexOf('.'));
  }

  /** Whether cookies are Secure (and prefixed): with an https issuer. */
  boolean secure() {
    return issuer.issuer().startsWith("https://");
  }

  /** The path a cookie meant for {@code path} gets: {@code /} for a {@code __Host-} cookie. */
  String path(String path) {
    return secure() ? "/" : path;
  }

  private NewCookie cookie(
      String base, String value, String path, int maxAge, NewCookie.SameSite sameSite) {
    return new NewCookie.Builder(name(base))
        .value(value)
        .path(path(path))
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(secure())
        .sameSite(sameSite)
        .build();
  }
}
