package dev.rotor.sessions.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.problems.ProblemException;
import dev.rotor.security.Ids;
import dev.rotor.security.Roles;
import dev.rotor.sessions.control.SessionListing;
import dev.rotor.sessions.control.SessionRevocation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's own sessions (OWASP ASVS 7.5.2): see them, end one, end all. */
@RequestScoped
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class SessionsResource {

  @Inject JsonWebToken token;

  @Inject SessionListing listing;

  @Inject SessionRevocation revocation;

  @Inject Origin origin;

  @GET
  public List<SessionResponse> mine() {
    String current = token.getClaim("sid");
    return listing.liveOf(token.getSubject()).stream()
        .map(s -> SessionResponse.of(s, current))
        .toList();
  }

  /** 404 for a session that is not the caller's, live or not: no hint that it exists. */
  @DELETE
  @Path(Ids.PATH_PARAMETER)
  @Transactional
  public void revoke(@PathParam("id") String id) {
    if (!revocation.revokeOwn(token.getSubject(), id, "user", origin)) {
      throw new ProblemException(404, "Not Found", "No such session.");
    }
  }

  @DELETE
  @Transactional
  public void revokeAll() {
    revocation.revokeAll(token.getSubject(), null, "user", "user logged out everywhere", origin);
  }
}
