package dev.rotor.clients.control;

import dev.rotor.audit.control.Origin;

/** A client was deleted: its sessions must end now (observed in the deleting transaction). */
public record ClientDeleted(String clientId, Origin origin) {}
