package dev.rotor.oauth.boundary;

import dev.rotor.problems.Problems;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;

/**
 * The OAuth endpoints answer in RFC 6749's error format whatever went wrong: a client error that
 * reached them as a problem (JAX-RS's own 404, 405, 415, a body too large) is rewritten here, so
 * that the problem mappers need not know which paths are OAuth's. So is a 503 (the database out of
 * reach): {@code temporarily_unavailable}, RFC 6749's code for it, keeping {@code Retry-After}.
 */
@Provider
public class OAuthErrorFormat implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    MediaType type = response.getMediaType();
    if (status < 400
        || (status >= 500 && status != 503)
        || type == null
        || !Problems.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype())
        || !isOAuth(request.getUriInfo().getPath())) {
      return;
    }
    response.getHeaders().remove("WWW-Authenticate");
    response.getHeaders().putSingle("Cache-Control", "no-store");
    response.setEntity(
        OAuthErrorMapper.body(
            status == 503 ? "temporarily_unavailable" : "invalid_request",
            detail(response.getEntity())),
        null,
        MediaType.APPLICATION_JSON_TYPE);
  }

  /**
   * The OAuth endpoints that answer in RFC 6749's format; UserInfo is a protected resource and
   * answers as RFC 6750 says. Jersey gives the path without its leading slash, RESTEasy with it.
   */
  static boolean isOAuth(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return relative.startsWith("oauth2/") && !relative.startsWith("oauth2/userinfo");
  }

  private static String detail(Object problem) {
    if (!(problem instanceof String json)) {
      return null;
    }
    try {
      JsonObject body = Json.createReader(new StringReader(json)).readObject();
      return body.getString("detail", null);
    } catch (JsonException | ClassCastException e) {
      return null;
    }
  }
}
