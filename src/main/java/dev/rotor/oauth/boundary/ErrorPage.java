package dev.rotor.oauth.boundary;

/** An error shown to the user instead of a redirect to a client that cannot be trusted. */
public record ErrorPage(String code, String description) {}
