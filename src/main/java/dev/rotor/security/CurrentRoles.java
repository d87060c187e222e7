package dev.rotor.security;

/**
 * What a user holds now, as the database says, not as a token issued minutes ago says: {@link
 * RoleEnforcement} asks it before admin work, so a disabled or demoted admin loses admin access at
 * once. Implemented where accounts live.
 */
public interface CurrentRoles {

  /** Whether the user exists, is enabled and has the role now. */
  boolean holds(String userId, String role);
}
