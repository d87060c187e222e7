package dev.rotor.oauth.boundary;

import dev.rotor.oauth.control.AuthorizationRequest;
import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import dev.rotor.security.Roles;
import dev.rotor.sessions.control.RefreshTokenLookup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * OpenID Connect's UserInfo endpoint (Core §5.3), GET or POST with a bearer access token of scope
 * {@code openid} whose session is still alive: {@code sub} and {@code preferred_username}, as in
 * the ID token. Errors as RFC 6750 says, in {@code WWW-Authenticate}.
 */
@ApplicationScoped
@Path("oauth2/userinfo")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.USER, Roles.ADMIN})
public class UserInfoResource {

  @Inject RefreshTokenLookup lookup;

  @Inject Clock clock;

  @Inject ErrorFormats formats;

  @Context SecurityContext security;

  @Context UriInfo uri;

  @GET
  public Response get() {
    return userInfo();
  }

  @POST
  public Response post() {
    return userInfo();
  }

  private Response userInfo() {
    JsonWebToken token = (JsonWebToken) security.getUserPrincipal();
    String scope = token.getClaim("scope");
    if (!AuthorizationRequest.hasScope(scope, AuthorizationRequest.OPENID)) {
      return refused(
          403,
          "Forbidden",
          "The access token lacks scope openid.",
          "Bearer error=\"insufficient_scope\", scope=\"openid\","
              + " error_description=\"The access token lacks scope openid.\"");
    }
    String sid = token.getClaim("sid");
    if (lookup.session(sid).filter(s -> s.isUsable(clock.instant())).isEmpty()) {
      return refused(
          401,
          "Unauthorized",
          "The session has ended.",
          "Bearer error=\"invalid_token\", error_description=\"The session has ended.\"");
    }
    JsonObjectBuilder claims =
        Json.createObjectBuilder()
            .add("sub", token.getSubject())
            .add("preferred_username", (String) token.getClaim("preferred_username"));
    return Response.ok(claims.build().toString(), MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .build();
  }

  /**
   * RFC 6750 §3: the error is in {@code WWW-Authenticate}; the body says the same as a problem, so
   * that no 4xx of Rotor's is empty (docs/errors.md).
   */
  private Response refused(int status, String title, String detail, String challenge) {
    return formats.response(
        uri.getPath(),
        Failure.of(status, title, detail)
            .withHeader("WWW-Authenticate", challenge)
            .withHeader("Cache-Control", "no-store"));
  }
}
