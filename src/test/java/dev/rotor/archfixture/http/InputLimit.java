package dev.rotor.archfixture.http;

/** The http edge, which stands on problems and not the other way round. */
public class InputLimit {

  public static final int MAX_BYTES = Integer.parseInt("65536");
}
