package dev.rotor.users.boundary;

import dev.rotor.users.control.Profiles;
import dev.rotor.users.entity.User;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;

/** A user as clients see it: no hash, no internals. */
public record UserResponse(
    String id,
    String username,
    List<String> roles,
    boolean enabled,
    @JsonbProperty("created_at") Instant createdAt) {

  public static UserResponse of(User user) {
    return new UserResponse(
        user.id(), user.username(), List.copyOf(user.roles()), user.isEnabled(), user.createdAt());
  }

  public static UserResponse of(Profiles.Profile profile) {
    return new UserResponse(
        profile.id(),
        profile.username(),
        List.copyOf(profile.roles()),
        profile.enabled(),
        profile.createdAt());
  }
}
