package dev.rotor.sessions.boundary;

import dev.rotor.sessions.entity.Session;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/** A session as its owner (or an admin) sees it. */
public record SessionResponse(
    String id,
    @JsonbProperty("created_at") Instant createdAt,
    @JsonbProperty("last_used_at") Instant lastUsedAt,
    @JsonbProperty("expires_at") Instant expiresAt,
    @JsonbProperty("user_agent") String userAgent,
    @JsonbProperty("ip_address") String ipAddress,
    boolean current) {

  public static SessionResponse of(Session s, String currentSessionId) {
    return new SessionResponse(
        s.id(),
        s.createdAt(),
        s.lastUsedAt(),
        s.expiresAt(),
        s.userAgent(),
        s.ipAddress(),
        s.id().equals(currentSessionId));
  }
}
