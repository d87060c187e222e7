package dev.rotor.oauth.control;

/** An RFC 6749 §5.2 error: the code, a human description, and its HTTP status. */
public class OAuthError extends RuntimeException {

  private final int status;
  private final String code;

  public OAuthError(int status, String code, String description) {
    super(description, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description);
  }

  public static OAuthError invalidClient() {
    return new OAuthError(401, "invalid_client", "Client authentication failed.");
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
