package dev.rotor.clients.control;

/**
 * A client that could not be authenticated, or may not use what it asked for, in neutral terms:
 * each face of Rotor answers it in its own format (OAuth error JSON, or a problem).
 */
public class ClientRejected extends RuntimeException {

  /** Why, as far as a client may be told. */
  public enum Reason {
    /** The request itself is ill-formed: two methods at once, or ids that disagree. */
    MALFORMED,
    /**
     * Unknown client, wrong or missing secret, an authentication method the client did not
     * register, a refused assertion, or no client named at all.
     */
    FAILED,
    /** Authenticated, but this route is not for it: a third-party client at the password login. */
    NOT_ALLOWED
  }

  private final Reason reason;

  public ClientRejected(Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  static ClientRejected malformed(String detail) {
    return new ClientRejected(Reason.MALFORMED, detail);
  }

  static ClientRejected failed() {
    return new ClientRejected(Reason.FAILED, "Client authentication failed.");
  }

  /** Failed, for a reason that tells the caller nothing it did not send itself. */
  static ClientRejected failed(String detail) {
    return new ClientRejected(Reason.FAILED, detail);
  }

  static ClientRejected notAllowed(String detail) {
    return new ClientRejected(Reason.NOT_ALLOWED, detail);
  }

  public Reason reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }
}
