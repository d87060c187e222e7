package dev.rotor.archfixture.problems;

import dev.rotor.archfixture.oauth.TokenEndpoint;

/** Breaks "problems know no other component": a shared mapper that special-cases OAuth. */
public class PathSpecialCase {

  public String code() {
    return TokenEndpoint.INVALID_GRANT;
  }
}
