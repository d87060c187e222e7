package dev.rotor.users.control;

import dev.rotor.audit.control.Origin;

/** An account was disabled or deleted: its sessions must end now (observed in its transaction). */
public record AccountLocked(String userId, String reason, Origin origin) {}
