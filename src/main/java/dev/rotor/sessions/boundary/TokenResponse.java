package dev.rotor.sessions.boundary;

import dev.rotor.sessions.control.TokenPair;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/** The token response of login and refresh, in OAuth 2.0's field names. */
@JsonbPropertyOrder({
  "accessToken",
  "tokenType",
  "expiresIn",
  "refreshToken",
  "refreshExpiresIn",
  "sessionId"
})
public record TokenResponse(
    @JsonbProperty("access_token") String accessToken,
    @JsonbProperty("token_type") String tokenType,
    @JsonbProperty("expires_in") long expiresIn,
    @JsonbProperty("refresh_token") String refreshToken,
    @JsonbProperty("refresh_expires_in") long refreshExpiresIn,
    @JsonbProperty("session_id") String sessionId) {

  public static TokenResponse of(TokenPair pair, Instant now) {
    return new TokenResponse(
        pair.accessToken(),
        "Bearer",
        Duration.between(now, pair.accessExpiresAt()).toSeconds(),
        pair.refreshToken(),
        Duration.between(now, pair.refreshExpiresAt()).toSeconds(),
        pair.sessionId());
  }
}
