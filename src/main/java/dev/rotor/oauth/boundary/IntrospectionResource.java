package dev.rotor.oauth.boundary;

import dev.rotor.audit.control.CallerOrigin;
import dev.rotor.oauth.control.ClientThrottle;
import dev.rotor.oauth.control.Introspection;
import dev.rotor.oauth.control.OAuthError;
import dev.rotor.security.CurrentRoles;
import dev.rotor.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * RFC 7662 introspection, for confidential clients and for admins with a bearer token; public
 * clients may not ask. A client sees only its own tokens unless it is a resource server ({@code
 * introspect-any}); an admin sees every token, if the account is still an enabled admin now (a
 * demoted or disabled admin's unexpired token is then only a bearer header that names no client).
 */
@RequestScoped
@Path("oauth2/introspect")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public class IntrospectionResource {

  @Inject ClientThrottle clientAuthentication;

  @Inject CallerOrigin callerOrigin;

  @Inject Introspection introspection;

  @Inject CurrentRoles currentRoles;

  @Context SecurityContext security;

  @POST
  public Response introspect(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      MultivaluedMap<String, String> form) {
    boolean admin =
        security.getUserPrincipal() instanceof JsonWebToken token
            && security.isUserInRole(Roles.ADMIN)
            && token.getSubject() != null
            && currentRoles.holds(token.getSubject(), Roles.ADMIN);
    Optional<String> onlyOfClient = Optional.empty();
    if (!admin) {
      var client =
          clientAuthentication.authenticate(
              Forms.client(authorization, form), callerOrigin.current());
      if (!client.isConfidential()) {
        throw OAuthError.invalidClient();
      }
      if (!client.introspectsAny()) {
        onlyOfClient = Optional.of(client.id());
      }
    }
    JsonObject answer =
        introspection.introspect(
            Forms.required(form, "token"), Forms.single(form, "token_type_hint"), onlyOfClient);
    return Response.ok(answer.toString()).header("Cache-Control", "no-store").build();
  }
}
