package dev.rotor.users.boundary;

import dev.rotor.audit.control.CallerOrigin;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Roles;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.control.Profiles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's own account, found by the {@code sub} of the verified access token. */
// Stateless: one instance serves every request; the caller's origin comes from a request-scoped
// proxy.
@ApplicationScoped
@Path("users/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class MeResource {

  @Inject JsonWebToken token;

  @Inject Accounts accounts;

  @Inject Profiles profiles;

  @Inject CallerOrigin callerOrigin;

  /** The body of a password change. */
  public record PasswordChange(
      @JsonbProperty("current_password")
          @NotNull(message = "is required")
          @Size(max = 1024, message = "is too long")
          String currentPassword,
      @JsonbProperty("new_password")
          @NotNull(message = "is required")
          @Size(max = 1024, message = "is too long")
          String newPassword) {}

  /**
   * The verified token as JAX-RS's caller principal (MicroProfile JWT makes it the principal): the
   * injected {@link JsonWebToken} costs a bean lookup per request on Payara, this read does not.
   */
  @Context SecurityContext security;

  @GET
  public UserResponse me() {
    JsonWebToken caller = (JsonWebToken) security.getUserPrincipal();
    return profiles
        .byId(caller.getSubject())
        .map(UserResponse::of)
        .orElseThrow(
            () -> new ProblemException(401, "Unauthorized", "The account no longer exists."));
  }

  /** OWASP ASVS 7.4.3: a new password ends every other session; this one stays. */
  @PUT
  @Path("password")
  @Consumes(MediaType.APPLICATION_JSON)
  public void changePassword(
      @NotNull(message = "a JSON body is required") @Valid PasswordChange body) {
    accounts.changePassword(
        token.getSubject(),
        body.currentPassword(),
        body.newPassword(),
        token.getClaim("sid"),
        callerOrigin.current());
  }
}
