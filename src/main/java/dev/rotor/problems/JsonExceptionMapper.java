package dev.rotor.problems;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that JSON-P cannot parse, where an endpoint reads JSON-P directly. */
@Provider
public class JsonExceptionMapper implements ExceptionMapper<JsonException> {

  @Override
  public Response toResponse(JsonException e) {
    return Problems.response(
        400, "Bad Request", "The request body is not valid JSON for this endpoint.");
  }
}
