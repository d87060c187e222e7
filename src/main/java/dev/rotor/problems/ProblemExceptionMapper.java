package dev.rotor.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Our own client errors, with the detail the code chose to tell. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException e) {
    Response response =
        e.field() == null
            ? Problems.response(e.status(), e.title(), e.detail())
            : Problems.invalidParams(
                e.status(), e.title(), e.detail(), java.util.Map.of(e.field(), e.reason()));
    if (e.status() == 401) {
      return Response.fromResponse(response).header("WWW-Authenticate", "Bearer").build();
    }
    return response;
  }
}
