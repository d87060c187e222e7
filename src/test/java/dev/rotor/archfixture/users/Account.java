package dev.rotor.archfixture.users;

import dev.rotor.archfixture.sessions.Login;

/** Breaks "users never depend on sessions", and closes a cycle with {@link Login}. */
public class Account {

  public Login lastLogin() {
    return new Login();
  }
}
