package dev.rotor.clients.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.clients.control.DynamicRegistrations;
import dev.rotor.configuration.ClientRegistrationSettings;
import dev.rotor.problems.Failure;
import dev.rotor.problems.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * RFC 7591 dynamic client registration, with an initial access token an admin issued; where {@code
 * rotor.clients.registration} is {@code off} (the default) there is no such endpoint. The clients
 * made here are third-party clients: never first party, never introspecting every token.
 */
@RequestScoped
@Path("oauth2/register")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

  @Inject ClientRegistrationSettings settings;

  @Inject DynamicRegistrations registrations;

  @Inject Origin origin;

  /** The token first (401), then the metadata (400), then one use spent and the client made. */
  @POST
  @Transactional
  public Response register(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String json) {
    if (!settings.open()) {
      // What any unknown path answers.
      throw new ProblemException(404, "Not Found", Failure.standardDetail(404));
    }
    var admitted = registrations.admit(authorization);
    var registration =
        registrations.register(admitted, RegistrationMetadata.settings(json), origin);
    return Response.status(Response.Status.CREATED)
        .entity(RegistrationMetadata.json(registration).toString())
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .build();
  }
}
