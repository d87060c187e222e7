package dev.rotor.sessions.boundary;

import dev.rotor.problems.ProblemException;
import dev.rotor.sessions.control.RefreshRejected;
import dev.rotor.sessions.control.RefreshRotation;
import dev.rotor.sessions.control.SessionRevocation;
import dev.rotor.sessions.control.SessionStart;
import dev.rotor.users.boundary.Credentials;
import dev.rotor.users.control.UserIdentityStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;

/** First-party login, refresh and logout (the built-in public client {@code rotor-app}). */
@RequestScoped
@Path("auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  @Inject UserIdentityStore identityStore;

  @Inject SessionStart sessionStart;

  @Inject RefreshRotation rotation;

  @Inject SessionRevocation revocation;

  @Inject Clock clock;

  @Context HttpServletRequest request;

  @Context HttpHeaders headers;

  /**
   * Not transactional as a whole: the password hash runs outside any transaction so no pooled
   * connection waits on Argon2; opening the session is one short transaction.
   */
  @POST
  @Path("login")
  public Response login(@NotNull(message = "a JSON body is required") @Valid Credentials body) {
    CredentialValidationResult result =
        identityStore.validate(new UsernamePasswordCredential(body.username(), body.password()));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throw new ProblemException(401, "Unauthorized", "Invalid username or password.");
    }
    Instant now = clock.instant();
    var who =
        new SessionStart.Authenticated(
            result.getCallerUniqueId(),
            result.getCallerPrincipal().getName(),
            result.getCallerGroups());
    return tokens(
        sessionStart.open(
            who, headers.getHeaderString(HttpHeaders.USER_AGENT), request.getRemoteAddr(), now),
        now);
  }

  @POST
  @Path("refresh")
  @Transactional(dontRollbackOn = RefreshRejected.class)
  public Response refresh(
      @NotNull(message = "a JSON body is required") @Valid RefreshRequest body) {
    Instant now = clock.instant();
    return tokens(rotation.rotate(body.refreshToken(), now), now);
  }

  @POST
  @Path("logout")
  @Transactional
  public Response logout(@NotNull(message = "a JSON body is required") @Valid RefreshRequest body) {
    revocation.revokeByRefreshToken(body.refreshToken(), "logout", clock.instant());
    return Response.noContent().build();
  }

  private static Response tokens(dev.rotor.sessions.control.TokenPair pair, Instant now) {
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(TokenResponse.of(pair, now)).cacheControl(noStore).build();
  }
}
