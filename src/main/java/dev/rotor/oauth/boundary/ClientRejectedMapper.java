package dev.rotor.oauth.boundary;

import dev.rotor.clients.control.ClientRejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A client that failed to authenticate at an OAuth endpoint (RFC 6749 §5.2): {@code
 * invalid_request} for an ill-formed attempt, {@code unauthorized_client} for a client this route
 * is not for, else {@code invalid_client} with a Basic challenge. The first-party API catches its
 * own.
 */
@Provider
public class ClientRejectedMapper implements ExceptionMapper<ClientRejected> {

  @Override
  public Response toResponse(ClientRejected e) {
    return switch (e.reason()) {
      case MALFORMED -> OAuthErrorMapper.response(400, "invalid_request", e.detail());
      case FAILED -> OAuthErrorMapper.response(401, "invalid_client", e.detail());
      case NOT_ALLOWED -> OAuthErrorMapper.response(400, "unauthorized_client", e.detail());
    };
  }
}
