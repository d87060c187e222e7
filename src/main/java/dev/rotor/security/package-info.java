/**
 * Who may do what, checked by the WAR itself: the roles Rotor knows, the shape of the ids it
 * issues, and the {@code @RolesAllowed} check of every resource method (401 without a token Rotor
 * issued, 403 without the role, and an admin's role confirmed against the account through {@link
 * dev.rotor.security.CurrentRoles}, which users implements). It never looks at a token itself:
 * MicroProfile JWT verifies it. It also mints every secret value ({@link
 * dev.rotor.security.SecretTokens}). Every component may use it; it uses only problems.
 */
package dev.rotor.security;
