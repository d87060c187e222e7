package dev.rotor.oauth.control;

import java.time.Duration;

/**
 * An RFC 6749 §5.2 error: the code, a human description, its HTTP status, and for a refusal that
 * ends in time the seconds to wait ({@code Retry-After}; 0 for none).
 */
public class OAuthError extends RuntimeException {

  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  public OAuthError(int status, String code, String description) {
    this(status, code, description, 0);
  }

  private OAuthError(int status, String code, String description, long retryAfterSeconds) {
    super(description, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * 429 {@code invalid_client}: too many failed authentications for this client id. No secret was
   * checked, so the answer says nothing about it.
   */
  public static OAuthError clientThrottled(Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    return new OAuthError(
        429,
        "invalid_client",
        "Too many failed authentications for this client; try again after Retry-After seconds.",
        seconds);
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

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
