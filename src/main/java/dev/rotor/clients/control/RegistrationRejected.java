package dev.rotor.clients.control;

/**
 * A dynamic registration refused, in neutral terms: the OAuth face says it in RFC 7591's and RFC
 * 6750's words.
 */
public class RegistrationRejected extends RuntimeException {

  /** Why. */
  public enum Reason {
    /** No initial access token, or one that is unknown, expired, used up or revoked. */
    INVALID_TOKEN,
    /** A redirect URI that Rotor does not take. */
    INVALID_REDIRECT_URI,
    /** Any other metadata that Rotor does not take. */
    INVALID_METADATA
  }

  private final Reason reason;

  public RegistrationRejected(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  public static RegistrationRejected invalidToken() {
    return new RegistrationRejected(
        Reason.INVALID_TOKEN,
        "A valid initial access token is required (unknown, expired, used up or revoked).");
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }

  /** The HTTP status that fits the reason. */
  public int status() {
    return reason == Reason.INVALID_TOKEN ? 401 : 400;
  }
}
