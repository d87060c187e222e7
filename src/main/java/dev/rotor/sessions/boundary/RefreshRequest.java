package dev.rotor.sessions.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of refresh and logout. */
public record RefreshRequest(
    @JsonbProperty("refresh_token")
        @NotBlank(message = "is required")
        @Size(max = 512, message = "is too long")
        String refreshToken) {}
