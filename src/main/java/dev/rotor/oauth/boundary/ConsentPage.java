package dev.rotor.oauth.boundary;

import java.util.List;
import java.util.Map;

/** The consent form: who asks for what, on behalf of whom. */
public record ConsentPage(
    String clientName,
    String username,
    List<String> scopes,
    Map<String, String> fields,
    String csrf) {}
