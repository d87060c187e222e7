package dev.rotor.users.boundary;

import dev.rotor.Roles;
import dev.rotor.users.control.Accounts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's own profile, found by the {@code sub} of the verified access token. */
@RequestScoped
@Path("users/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class MeResource {

  @Inject JsonWebToken token;

  @Inject Accounts accounts;

  @GET
  public UserResponse me() {
    return accounts
        .byId(token.getSubject())
        .map(UserResponse::of)
        .orElseThrow(
            () ->
                new dev.rotor.problems.ProblemException(
                    401, "Unauthorized", "The account no longer exists."));
  }
}
