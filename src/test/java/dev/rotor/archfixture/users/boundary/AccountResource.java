package dev.rotor.archfixture.users.boundary;

import dev.rotor.archfixture.users.Account;

/** Users' own face; it may use its own component. */
public class AccountResource {

  public static final String PATH = new String("users/me");

  public Account me() {
    return new Account();
  }
}
