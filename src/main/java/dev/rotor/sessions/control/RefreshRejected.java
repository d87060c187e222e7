package dev.rotor.sessions.control;

/**
 * A refresh token that cannot be used: the client must log in again. It says why in neutral terms;
 * the first-party API and the OAuth token endpoint each answer it in their own format. Boundaries
 * let the transaction commit on this exception, because a replay's revocation must stick.
 */
public class RefreshRejected extends RuntimeException {

  /** Why a refresh was refused, with the sentence a client may read. */
  public enum Reason {
    UNKNOWN("The refresh token is not known."),
    OTHER_CLIENT("The refresh token was issued to another client."),
    WIDER_SCOPE("The requested scope exceeds the scope originally granted."),
    EXPIRED("The refresh token has expired."),
    SESSION_ENDED("The session has ended."),
    REPLAYED("The refresh token was already used; the session is revoked.");

    private final String detail;

    Reason(String detail) {
      this.detail = detail;
    }
  }

  private final Reason reason;

  public RefreshRejected(Reason reason) {
    super(reason.detail, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
