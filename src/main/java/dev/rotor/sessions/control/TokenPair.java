package dev.rotor.sessions.control;

import java.time.Instant;

/** What login and refresh hand out: an access token and the refresh token that follows it. */
public record TokenPair(
    String accessToken,
    Instant accessExpiresAt,
    String refreshToken,
    Instant refreshExpiresAt,
    String sessionId,
    String scope) {}
