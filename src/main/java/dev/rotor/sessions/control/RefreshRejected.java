package dev.rotor.sessions.control;

import dev.rotor.problems.ProblemException;

/**
 * A refresh token that cannot be used: the client must log in again. Boundaries let the transaction
 * commit on this exception, because a replay's revocation must stick.
 */
public class RefreshRejected extends ProblemException {

  public RefreshRejected(String detail) {
    super(401, "Unauthorized", detail);
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
