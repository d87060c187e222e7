package dev.rotor.sessions.control;

import dev.rotor.problems.ProblemException;

/**
 * A refresh token that cannot be used: the client must log in again. Boundaries let the transaction
 * commit on this exception, because a replay's revocation must stick.
 */
public class RefreshRejected extends ProblemException {

  private final String oauthError;

  public RefreshRejected(String detail) {
    this(detail, "invalid_grant");
  }

  private RefreshRejected(String detail, String oauthError) {
    super(401, "Unauthorized", detail);
    this.oauthError = oauthError;
  }

  /** The RFC 6749 error code for the token endpoint. */
  public String oauthError() {
    return oauthError;
  }

  static RefreshRejected otherClient() {
    return new RefreshRejected("The refresh token was issued to another client.");
  }

  static RefreshRejected widerScope() {
    return new RefreshRejected(
        "The requested scope exceeds the scope originally granted.", "invalid_scope");
  }

  static RefreshRejected unknown() {
    return new RefreshRejected("The refresh token is not known.");
  }

  static RefreshRejected expired() {
    return new RefreshRejected("The refresh token has expired.");
  }

  static RefreshRejected sessionEnded() {
    return new RefreshRejected("The session has ended.");
  }

  static RefreshRejected replayed() {
    return new RefreshRejected("The refresh token was already used; the session is revoked.");
  }
}
