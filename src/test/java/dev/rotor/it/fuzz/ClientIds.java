package dev.rotor.it.fuzz;

/** Client ids the fuzz uses. */
final class ClientIds {
  static final String FIRST_PARTY = "rotor-app";
}
