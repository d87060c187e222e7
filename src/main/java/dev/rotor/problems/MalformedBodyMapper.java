package dev.rotor.problems;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not the JSON it should be (the JSON-B reader fails with this). */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    return Problems.response(
        400, "Bad Request", "The request body is not valid JSON for this endpoint.");
  }
}
