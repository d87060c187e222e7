package dev.rotor.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;

/** Anything else: logged with an id the client can quote, answered with a generic 500. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

  private static final System.Logger LOG =
      System.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Exception e) {
    String incident = UUID.randomUUID().toString();
    LOG.log(System.Logger.Level.ERROR, "Unexpected failure, incident " + incident, e);
    return Problems.response(
        500, "Internal Server Error", "Unexpected failure; incident " + incident + " is logged.");
  }
}
