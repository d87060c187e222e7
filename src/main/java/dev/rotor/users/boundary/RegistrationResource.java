package dev.rotor.users.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.configuration.UserSettings;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Roles;
import dev.rotor.users.control.Accounts;
import dev.rotor.users.control.LoginThrottle;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;

/** Self-registration, when {@code rotor.registration.open} allows it. */
@RequestScoped
@Path("auth/register")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

  @Inject Accounts accounts;

  @Inject LoginThrottle throttle;

  @Inject Origin origin;

  @Inject UserSettings settings;

  /**
   * Not transactional: the password is hashed before the account's short transaction. A
   * registration hashes, so it counts against the address's budget of password checks.
   */
  @POST
  public Response register(@NotNull(message = "a JSON body is required") @Valid Credentials body) {
    if (!settings.registrationOpen()) {
      throw new ProblemException(403, "Forbidden", "Self-registration is switched off.");
    }
    throttle.admit(origin, body.username());
    var user =
        accounts.create(
            body.username(),
            body.password(),
            Set.of(Roles.USER),
            AuditEvent.Type.REGISTERED,
            null,
            origin);
    return Response.created(URI.create("/admin/users/" + user.id()))
        .entity(UserResponse.of(user))
        .build();
  }
}
