package dev.rotor.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code X-Content-Type-Options: nosniff} on every JAX-RS answer, so that no browser reads JSON or
 * a problem as HTML or script. (The container's own error pages get it from {@code
 * ErrorPageServlet}.)
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
  }
}
