/**
 * Accounts: registration, the password hash (Argon2id), the Jakarta Security identity store that
 * checks credentials, and the caller's own profile.
 */
package dev.rotor.users;
