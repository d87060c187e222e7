package dev.rotor.archfixture.sessions;

import dev.rotor.archfixture.users.boundary.AccountResource;

/** Breaks "no component reaches into another's boundary": sessions may use users, not its face. */
public class SessionList {

  public String owner() {
    return AccountResource.PATH;
  }
}
