package dev.rotor.problems;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own failures (404, 405, 406, 415, security's 401/403) in the path's error format. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(WebApplicationException e) {
    return formats.response(uri.getPath(), failure(e.getResponse()));
  }

  /** Keeps the challenge and {@code Allow} headers; drops any entity the exception carried. */
  static Failure failure(Response original) {
    int status = original.getStatus();
    Failure failure =
        Failure.of(status, Failure.standardTitle(status), Failure.standardDetail(status));
    String challenge = original.getHeaderString("WWW-Authenticate");
    if (challenge != null) {
      failure = failure.withHeader("WWW-Authenticate", challenge);
    } else if (status == 403) {
      // The runtime's own role check (Payara's MP-JWT @RolesAllowed filter) as RoleEnforcement's.
      failure = failure.withHeader("WWW-Authenticate", Failure.INSUFFICIENT_SCOPE);
    }
    String allow = original.getHeaderString("Allow");
    return allow == null ? failure : failure.withHeader("Allow", allow);
  }
}
