package dev.rotor.clients.control;

import dev.rotor.audit.control.Origin;

/**
 * A client was deleted or disabled ({@code how} says which, for the audit log): its sessions must
 * end now, and stay ended if it is enabled again (observed in the changing transaction).
 */
public record ClientLocked(String clientId, String how, Origin origin) {}
