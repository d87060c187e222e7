package dev.rotor.problems;

import dev.rotor.persistence.ConnectionLoss;
import dev.rotor.persistence.DatabaseOutageLog;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;

/**
 * Every exception without a mapper of its own. A body that is not the JSON it should be is the
 * client's fault, whichever layer noticed (JSON-P, JSON-B, or the runtime's entity reader): 400. A
 * lost database connection ({@link ConnectionLoss}) passes when the database is back: 503 with
 * {@code Retry-After}, logged once in a while rather than once per request. Anything else is ours:
 * logged with an id the client can quote, answered with a generic 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {

  private static final System.Logger LOG =
      System.getLogger(UnexpectedExceptionMapper.class.getName());

  @Inject ErrorFormats formats;

  @Context UriInfo uri;

  @Override
  public Response toResponse(Exception e) {
    return formats.response(uri.getPath(), failure(e));
  }

  static Failure failure(Exception e) {
    if (e instanceof JsonException
        || e instanceof JsonbException
        || e instanceof ProcessingException) {
      return Failure.of(
          400, "Bad Request", "The request body is not valid JSON for this endpoint.");
    }
    if (ConnectionLoss.isConnectionLoss(e)) {
      DatabaseOutageLog.record(e);
      return Failure.unavailable(DatabaseOutageLog.DETAIL);
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(System.Logger.Level.ERROR, "Unexpected failure, incident " + incident, e);
    return Failure.of(
        500, "Internal Server Error", "Unexpected failure; incident " + incident + " is logged.");
  }
}
