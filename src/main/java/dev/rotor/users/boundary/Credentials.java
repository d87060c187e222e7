package dev.rotor.users.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Username and password, as sent to register and to log in. */
public record Credentials(
    @NotNull(message = "is required") @Size(max = 256, message = "is too long") String username,
    @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String password) {}
