package dev.rotor.sessions.boundary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A login. Without {@code client_id} the session belongs to the first-party client {@code
 * rotor-app}; with one, to that registered client (a confidential one adds its secret).
 */
public record LoginRequest(
    @NotNull(message = "is required") @Size(max = 256, message = "is too long") String username,
    @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String password,
    @JsonbProperty("client_id") @Size(max = 128, message = "is too long") String clientId,
    @JsonbProperty("client_secret") @Size(max = 1024, message = "is too long")
        String clientSecret) {}
