package dev.rotor.it.fuzz;

/** A fixture user: id, name, password. */
record Account(String id, String username, String password) {}
