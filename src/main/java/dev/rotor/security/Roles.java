package dev.rotor.security;

/** The roles Rotor knows; they travel in the access token's {@code groups} claim. */
public final class Roles {
  public static final String USER = "user";
  public static final String ADMIN = "admin";

  private Roles() {}
}
