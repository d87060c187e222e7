package dev.rotor.sessions.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.security.Ids;
import dev.rotor.security.Roles;
import dev.rotor.sessions.control.SessionListing;
import dev.rotor.sessions.control.SessionRevocation;
import dev.rotor.users.control.Accounts;
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

/** A user's sessions, for admins: list them, or end them all (ASVS 7.4.5). 404 for no such user. */
@RequestScoped
@Path("admin/users/" + Ids.PATH_PARAMETER + "/sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminSessionsResource {

  @Inject Accounts accounts;

  @Inject SessionListing listing;

  @Inject SessionRevocation revocation;

  @Inject JsonWebToken token;

  @Inject Origin origin;

  @GET
  public List<SessionResponse> sessions(@PathParam("id") String id) {
    accounts.existing(id);
    return listing.liveOf(id).stream().map(s -> SessionResponse.of(s, null)).toList();
  }

  @DELETE
  @Transactional
  public void revokeAll(@PathParam("id") String id) {
    accounts.existing(id);
    revocation.revokeAll(id, null, "admin", "revoked by admin " + token.getSubject(), origin);
  }
}
