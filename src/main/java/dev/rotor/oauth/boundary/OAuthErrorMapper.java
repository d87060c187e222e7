package dev.rotor.oauth.boundary;

import dev.rotor.oauth.control.OAuthError;
import dev.rotor.problems.ErrorFormats;
import dev.rotor.problems.Failure;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * An error in OAuth's words; only the OAuth endpoints raise one, and {@link OAuthFormat} says it.
 */
@Provider
public class OAuthErrorMapper implements ExceptionMapper<OAuthError> {

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(OAuthError e) {
    return formats.response(
        uri.getPath(),
        Failure.of(e.status(), Failure.standardTitle(e.status()), e.getMessage()).because(e));
  }
}
