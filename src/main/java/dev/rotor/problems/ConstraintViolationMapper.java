package dev.rotor.problems;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.TreeMap;

/** Bean Validation failures as a 400 naming each field, portable across JAX-RS runtimes. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    Map<String, String> reasons = new TreeMap<>();
    for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
      reasons.merge(
          jsonName(field(violation.getPropertyPath())),
          violation.getMessage(),
          (a, b) -> a + "; " + b);
    }
    String detail =
        reasons.entrySet().stream()
            .map(r -> r.getKey() + ": " + r.getValue())
            .reduce((a, b) -> a + ", " + b)
            .orElse("invalid request");
    return formats.response(
        uri.getPath(), Failure.of(400, "Bad Request", detail).withInvalidParams(reasons));
  }

  /** The name the client used: the JSON API spells every field in snake_case. */
  static String jsonName(String javaName) {
    return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The Java name of what failed: the last node of {@code login.body.username}, or of {@code
   * events.size} for a query parameter (the build keeps parameter names); "body" for the body.
   */
  static String field(Path path) {
    String last = null;
    for (Path.Node node : path) {
      last = node.getName();
    }
    return last == null || last.startsWith("arg") ? "body" : last;
  }
}
