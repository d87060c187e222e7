package dev.rotor.sessions.boundary;

import dev.rotor.clients.control.ClientRejected;
import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A client that failed to authenticate, or may not use this route: in the first-party API's words a
 * 401 (which client, or why, is not told), or a 400 for a third-party client at the password login.
 * The OAuth endpoints' format words the same reason in RFC 6749's codes.
 */
@Provider
public class ClientRejectedMapper implements ExceptionMapper<ClientRejected> {

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(ClientRejected e) {
    return formats.response(uri.getPath(), failure(e));
  }

  static Failure failure(ClientRejected e) {
    Failure failure =
        e.reason() == ClientRejected.Reason.NOT_ALLOWED
            // RFC 6749's word for it, in the problem's detail: this face speaks problem details.
            ? Failure.of(400, "Bad Request", "unauthorized_client: " + e.detail())
            : Failure.of(401, "Unauthorized", "Unknown client or wrong client secret.");
    return failure.because(e);
  }
}
