package dev.rotor.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own failures (404, 405, 406, 415, security's 401/403) as problem details. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    Response.ResponseBuilder problem =
        Response.fromResponse(Problems.response(status, title(status), detail(status)));
    // Keep challenge and Allow headers; drop any entity the exception carried.
    copy(original, problem, "WWW-Authenticate");
    copy(original, problem, "Allow");
    if (status == 401 && original.getHeaderString("WWW-Authenticate") == null) {
      problem.header("WWW-Authenticate", "Bearer");
    }
    if (status == 403 && original.getHeaderString("WWW-Authenticate") == null) {
      // The runtime's own role check (Payara's MP-JWT @RolesAllowed filter) as RoleEnforcement's.
      problem.header("WWW-Authenticate", Problems.INSUFFICIENT_SCOPE);
    }
    return problem.build();
  }

  private static void copy(Response from, Response.ResponseBuilder to, String header) {
    String value = from.getHeaderString(header);
    if (value != null) {
      to.header(header, value);
    }
  }

  static String title(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known != null ? known.getReasonPhrase() : "HTTP " + status;
  }

  static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed.";
      case 401 -> "A valid bearer token is required.";
      case 403 -> "The token does not grant the role this resource needs.";
      case 404 -> "No such resource.";
      case 405 -> "This method is not allowed on this resource.";
      case 406 -> "This resource answers application/json only.";
      case 413 -> "The request body is too large.";
      case 415 -> "The request body is not of the media type this endpoint takes.";
      default -> null;
    };
  }
}
