package dev.rotor.users.control;

/** An admin changed what a user's profile shows (enabled, roles) or deleted the user. */
public record AccountChanged(String userId) {}
