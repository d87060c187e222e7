package dev.rotor.sessions.boundary;

import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import dev.rotor.sessions.control.RefreshRejected;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A refused refresh: on the first-party API a 401, the client must log in again; the OAuth
 * endpoints' format words the same reason in RFC 6749's codes.
 */
@Provider
public class RefreshRejectedMapper implements ExceptionMapper<RefreshRejected> {

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(RefreshRejected e) {
    return formats.response(uri.getPath(), Failure.of(401, "Unauthorized", e.detail()).because(e));
  }
}
