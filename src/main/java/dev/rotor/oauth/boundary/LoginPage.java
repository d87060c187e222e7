package dev.rotor.oauth.boundary;

import java.util.Map;

/** The login form: the client's name, the request as hidden fields, the CSRF token. */
public record LoginPage(
    String clientName, Map<String, String> fields, String csrf, String username, String error) {}
