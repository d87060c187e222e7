package dev.rotor.oauth.control;

/**
 * A refused authorization request (RFC 6749 §4.1.2.1). When the client or its redirect URI cannot
 * be trusted ({@link #redirectUri} null) the browser gets an error page, never a redirect; any
 * other error goes back to the client with {@code error}, {@code error_description}, {@code state}
 * and {@code iss}.
 */
public class AuthorizationError extends RuntimeException {

  private final String code;
  private final String redirectUri;
  private final String state;

  private AuthorizationError(String code, String description, String redirectUri, String state) {
    super(description, null, false, false);
    this.code = code;
    this.redirectUri = redirectUri;
    this.state = state;
  }

  /** Shown to the user: the client or the redirect URI is unknown or not allowed. */
  public static AuthorizationError page(String code, String description) {
    return new AuthorizationError(code, description, null, null);
  }

  /** Sent back to the client's (verified) redirect URI. */
  public static AuthorizationError redirect(
      String code, String description, String redirectUri, String state) {
    return new AuthorizationError(code, description, redirectUri, state);
  }

  public static AuthorizationError redirect(
      String code, String description, AuthorizationRequest request) {
    return redirect(code, description, request.redirectUri(), request.state());
  }

  public boolean redirects() {
    return redirectUri != null;
  }

  public String code() {
    return code;
  }

  public String redirectUri() {
    return redirectUri;
  }

  public String state() {
    return state;
  }
}
