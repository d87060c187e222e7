package dev.rotor.sso.control;

import java.util.Set;

/**
 * A browser session ended (logout, an account event, a replay in a session it started): the user is
 * signed out of every client in {@code clientIds}. Fired in the transaction that ended it.
 */
public record BrowserSessionEnded(String sessionId, String userId, Set<String> clientIds) {}
