package dev.rotor.oauth.boundary;

import dev.rotor.problems.PathErrorFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;

/**
 * The OAuth endpoints' format for client errors that the servlet layer answers (a {@code
 * Content-Type} the runtime cannot parse, headers over the limit): {@code invalid_request}, as
 * {@link OAuthErrorFormat} does for those JAX-RS answers.
 */
@ApplicationScoped
public class OAuthServletErrors implements PathErrorFormat {

  @Override
  public boolean owns(String path) {
    return OAuthErrorFormat.isOAuth(path);
  }

  @Override
  public String mediaType() {
    return MediaType.APPLICATION_JSON;
  }

  @Override
  public String body(int status, String detail) {
    return OAuthErrorMapper.body("invalid_request", detail);
  }
}
