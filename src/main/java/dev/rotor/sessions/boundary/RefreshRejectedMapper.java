package dev.rotor.sessions.boundary;

import dev.rotor.problems.Problems;
import dev.rotor.sessions.control.RefreshRejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused refresh on the first-party API: 401, the client must log in again. */
@Provider
public class RefreshRejectedMapper implements ExceptionMapper<RefreshRejected> {

  @Override
  public Response toResponse(RefreshRejected e) {
    return Problems.unauthorized(e.detail());
  }
}
