package dev.rotor.archfixture.problems;

import dev.rotor.archfixture.http.InputLimit;

/** Breaks "problems know no other component": rendering that leans on the http edge above it. */
public class Rendering {

  public int limit() {
    return InputLimit.MAX_BYTES;
  }
}
