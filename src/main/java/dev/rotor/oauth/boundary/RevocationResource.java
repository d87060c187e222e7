package dev.rotor.oauth.boundary;

import dev.rotor.audit.control.Origin;
import dev.rotor.oauth.control.ClientThrottle;
import dev.rotor.oauth.control.TokenRevocation;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** RFC 7009 token revocation: 200 for every well-formed request by an authenticated client. */
@RequestScoped
@Path("oauth2/revoke")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public class RevocationResource {

  @Inject ClientThrottle clientAuthentication;

  @Inject TokenRevocation revocation;

  @Inject Origin origin;

  @POST
  @Transactional
  public Response revoke(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      MultivaluedMap<String, String> form) {
    var client = clientAuthentication.authenticate(Forms.client(authorization, form), origin);
    revocation.revoke(Forms.required(form, "token"), client, origin);
    return Response.ok().header("Cache-Control", "no-store").build();
  }
}
