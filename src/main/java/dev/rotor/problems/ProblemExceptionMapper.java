package dev.rotor.problems;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Our own client errors, with the detail the code chose to tell. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(ProblemException e) {
    return formats.response(uri.getPath(), failure(e));
  }

  static Failure failure(ProblemException e) {
    Failure failure = Failure.of(e.status(), e.title(), e.detail());
    if (e.field() != null) {
      failure = failure.withInvalidParams(Map.of(e.field(), e.reason()));
    }
    return e.retryAfterSeconds() > 0
        ? failure.withHeader("Retry-After", String.valueOf(e.retryAfterSeconds()))
        : failure;
  }
}
