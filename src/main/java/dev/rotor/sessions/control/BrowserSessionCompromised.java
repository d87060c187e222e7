package dev.rotor.sessions.control;

import dev.rotor.audit.control.Origin;

/**
 * A refresh token was replayed in a session that browser session's code opened: whoever holds the
 * stolen token may hold its cookie too, so the browser session must end as well (observed in the
 * transaction that revoked the token session).
 */
public record BrowserSessionCompromised(String browserSessionId, String userId, Origin origin) {}
