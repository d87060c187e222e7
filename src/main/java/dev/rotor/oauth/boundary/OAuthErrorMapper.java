package dev.rotor.oauth.boundary;

import dev.rotor.oauth.control.OAuthError;
import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * RFC 6749 §5.2 error JSON, never cached; {@code invalid_client} challenges for Basic. The one
 * place the OAuth error body is written.
 */
@Provider
public class OAuthErrorMapper implements ExceptionMapper<OAuthError> {

  @Override
  public Response toResponse(OAuthError e) {
    return response(e.status(), e.code(), e.getMessage());
  }

  static Response response(int status, String code, String description) {
    Response.ResponseBuilder response =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON)
            .header("Cache-Control", "no-store")
            .header("Pragma", "no-cache")
            .entity(body(code, description));
    if (status == 401) {
      response.header("WWW-Authenticate", "Basic realm=\"rotor\"");
    }
    return response.build();
  }

  static String body(String code, String description) {
    var json = Json.createObjectBuilder().add("error", code);
    if (description != null) {
      json.add("error_description", description);
    }
    return json.build().toString();
  }
}
