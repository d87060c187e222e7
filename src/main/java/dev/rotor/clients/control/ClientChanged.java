package dev.rotor.clients.control;

/** A stored client was created, changed or deleted on this node. */
public record ClientChanged(String clientId) {}
