package dev.rotor.sessions.boundary;

import dev.rotor.audit.control.AuditLog;
import dev.rotor.audit.control.CallerOrigin;
import dev.rotor.audit.entity.AuditEvent;
import dev.rotor.clients.control.Client;
import dev.rotor.clients.control.ClientAuthentication;
import dev.rotor.clients.control.ClientRegistry;
import dev.rotor.problems.ProblemException;
import dev.rotor.sessions.control.AccountChangedMeanwhile;
import dev.rotor.sessions.control.RefreshRotation;
import dev.rotor.sessions.control.SessionRevocation;
import dev.rotor.sessions.control.SessionStart;
import dev.rotor.sessions.control.TokenResponse;
import dev.rotor.users.control.UserIdentityStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;

/** First-party login, refresh and logout (the built-in public client {@code rotor-app}). */
// Stateless: one instance serves every request; the caller's origin comes from a request-scoped
// proxy.
@ApplicationScoped
@Path("auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

  @Inject UserIdentityStore identityStore;

  @Inject SessionStart sessionStart;

  @Inject RefreshRotation rotation;

  @Inject SessionRevocation revocation;

  @Inject AuditLog audit;

  @Inject CallerOrigin callerOrigin;

  @Inject ClientAuthentication clientAuthentication;

  @Inject Clock clock;

  /**
   * Not transactional as a whole: the password hash runs outside any transaction so no pooled
   * connection waits on Argon2; opening the session is one short transaction.
   */
  @POST
  @Path("login")
  public Response login(@NotNull(message = "a JSON body is required") @Valid LoginRequest body) {
    Client client = clientAuthentication.authenticateLogin(body.clientId(), body.clientSecret());
    var check =
        identityStore.check(
            new UsernamePasswordCredential(body.username(), body.password()),
            callerOrigin.current());
    if (!check.valid()) {
      audit.record(
          AuditLog.Entry.of(AuditEvent.Type.LOGIN_FAILED, callerOrigin.current())
              .user(check.userId(), check.auditedName())
              .reason(check.reason()));
      throw new ProblemException(401, "Unauthorized", "Invalid username or password.");
    }
    Instant now = clock.instant();
    var result = check.result();
    var who =
        new SessionStart.Authenticated(
            result.getCallerUniqueId(),
            result.getCallerPrincipal().getName(),
            result.getCallerGroups(),
            check.checkedHash());
    try {
      return TokenResponse.of(
          sessionStart.open(who, client.id(), client.scope(), callerOrigin.current(), now), now);
    } catch (AccountChangedMeanwhile e) {
      throw new ProblemException(401, "Unauthorized", "Invalid username or password.");
    }
  }

  /**
   * Not transactional here: the rotation needs one statement, or a transaction of its own. Checked
   * by hand, not by Bean Validation: its interceptor and JAX-RS's own pass both ran on every
   * refresh, for two checks; the answers are the same 400s.
   */
  @POST
  @Path("refresh")
  public Response refresh(RefreshRequest body) {
    if (body == null) {
      throw ProblemException.invalidField("body", "a JSON body is required");
    }
    if (body.refreshToken() != null && body.refreshToken().length() > RefreshRequest.MAX_LENGTH) {
      throw ProblemException.invalidField("refresh_token", "is too long");
    }
    Instant now = clock.instant();
    return TokenResponse.of(
        rotation.rotate(
            presented(body), ClientRegistry.FIRST_PARTY, null, callerOrigin.current(), now),
        now);
  }

  @POST
  @Path("logout")
  @Transactional
  public Response logout(@NotNull(message = "a JSON body is required") @Valid RefreshRequest body) {
    revocation.logout(presented(body), callerOrigin.current());
    return Response.noContent().build();
  }

  /**
   * The refresh token, or 401 when it is missing or blank: no token is a credential the client
   * lacks, as docs/errors.md says, not a malformed request (a missing body still is).
   */
  private static String presented(RefreshRequest body) {
    String token = body.refreshToken();
    if (token == null || token.isBlank()) {
      throw new ProblemException(401, "Unauthorized", "A refresh token is required.");
    }
    return token;
  }
}
