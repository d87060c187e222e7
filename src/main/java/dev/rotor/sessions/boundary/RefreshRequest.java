package dev.rotor.sessions.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Size;

/**
 * The body of refresh and logout. A missing or blank token is no validation error: the resource
 * answers it 401, like any token that is not alive.
 */
public record RefreshRequest(
    @JsonbProperty("refresh_token") @Size(max = MAX_LENGTH, message = "is too long")
        String refreshToken) {

  /** The longest refresh token accepted (Rotor's own are 43 characters). */
  public static final int MAX_LENGTH = 512;
}
