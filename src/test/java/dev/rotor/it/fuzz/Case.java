package dev.rotor.it.fuzz;

/**
 * One request, and what it used that the fixtures must know of: a refresh token taken from the
 * pool, the fixture user it targets, the new password it sets.
 */
record Case(
    FuzzHttp.Request request,
    String refreshToken,
    String refreshClient,
    String target,
    String newPassword) {}
