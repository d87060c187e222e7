package dev.rotor.clients.boundary;

import dev.rotor.clients.control.RegistrationRejected;
import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A refused registration: a 401 with RFC 6750's challenge for a bad initial access token, a 400 for
 * bad metadata. The OAuth endpoints' format words the reason in RFC 7591's codes.
 */
@Provider
public class RegistrationRejectedMapper implements ExceptionMapper<RegistrationRejected> {

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(RegistrationRejected e) {
    Failure failure = Failure.of(e.status(), Failure.standardTitle(e.status()), e.detail());
    if (e.status() == 401) {
      failure = failure.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    return formats.response(uri.getPath(), failure.because(e));
  }
}
