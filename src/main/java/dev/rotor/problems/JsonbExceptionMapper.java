package dev.rotor.problems;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JSON that does not bind, where the runtime lets JSON-B's own exception through. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException e) {
    return Problems.response(
        400, "Bad Request", "The request body is not valid JSON for this endpoint.");
  }
}
