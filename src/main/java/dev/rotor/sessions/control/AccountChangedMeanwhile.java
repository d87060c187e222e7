package dev.rotor.sessions.control;

/**
 * No session was opened: between the password check and the session's start, the account was
 * disabled or deleted, or its password changed. The caller must authenticate again.
 */
public class AccountChangedMeanwhile extends RuntimeException {

  public AccountChangedMeanwhile() {
    super("the account changed after its password was checked", null, false, false);
  }
}
