package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;

/**
 * Every live session of the user was revoked (an admin, the user's "log out everywhere", the
 * account locked): the user's browser sessions end with them (observed in the same transaction).
 */
public record AllSessionsRevoked(String userId, Origin origin) {}
