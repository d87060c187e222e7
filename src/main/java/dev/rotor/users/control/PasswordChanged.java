package dev.rotor.users.control;

import dev.rotor.audit.control.Origin;

/** A password changed: every session but the one that changed it must end. */
public record PasswordChanged(String userId, String keepSessionId, Origin origin) {}
