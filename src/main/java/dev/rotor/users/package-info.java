/**
 * Accounts: registration, the password hash (Argon2id), the Jakarta Security identity store that
 * checks credentials, administration, and the caller's own profile. It never depends on sessions:
 * it announces what happened to an account (locked, password changed, changed) as CDI events.
 */
package dev.rotor.users;
