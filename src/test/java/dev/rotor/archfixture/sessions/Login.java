package dev.rotor.archfixture.sessions;

import dev.rotor.archfixture.oauth.TokenEndpoint;
import dev.rotor.archfixture.users.Account;

/** Breaks "sessions never depend on oauth"; uses users, as it may. */
public class Login {

  public Account account;

  public String error() {
    return TokenEndpoint.INVALID_GRANT;
  }
}
