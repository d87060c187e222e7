/**
 * The audit trail: every authentication event (login, refresh, replay, logout, revocation, password
 * change, admin action) with who, when and from where, never a secret; and where a request comes
 * from, with {@code X-Forwarded-For} believed only from configured proxies.
 */
package dev.rotor.audit;
