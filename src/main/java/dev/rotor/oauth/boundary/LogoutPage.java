package dev.rotor.oauth.boundary;

import java.util.Map;

/** The sign-out confirmation, or the note that the user is signed out. */
public record LogoutPage(boolean signedOut, Map<String, String> fields, String csrf) {}
