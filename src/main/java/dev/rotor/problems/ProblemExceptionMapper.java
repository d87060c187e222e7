package dev.rotor.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Our own client errors, with the detail the code chose to tell. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException e) {
    Response response = answer(e);
    return e.retryAfterSeconds() > 0
        ? Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build()
        : response;
  }

  private static Response answer(ProblemException e) {
    if (e.field() != null) {
      return Problems.invalidParams(
          e.status(), e.title(), e.detail(), java.util.Map.of(e.field(), e.reason()));
    }
    return e.status() == 401
        ? Problems.unauthorized(e.detail())
        : Problems.response(e.status(), e.title(), e.detail());
  }
}
