package dev.rotor.http;

import dev.rotor.configuration.HttpSettings;
import dev.rotor.problems.ServletErrors;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /metrics} and {@code /openapi} answer only where {@code rotor.http.public-metrics} and
 * {@code rotor.http.public-openapi} open them; closed, they are a 404 problem for everyone. Whoever
 * serves them, this filter comes first: Payara (Micro and Server) adds its own MicroProfile Metrics
 * and OpenAPI servlets to the web module at the context root, which is this WAR, so its filters run
 * before them; on WildFly the paths are this WAR's own ({@link OpenApiResource}, and no metrics).
 */
@WebFilter(
    urlPatterns = {"/metrics", "/metrics/*", "/openapi", "/openapi/*"},
    asyncSupported = true)
public class OperatorEndpoints extends HttpFilter {

  @Inject HttpSettings settings;

  @Inject ServletErrors errors;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    boolean open =
        path.startsWith("/metrics") ? settings.publicMetrics() : settings.publicOpenApi();
    if (!open) {
      errors.write(request, response, 404, "No such resource.");
      return;
    }
    chain.doFilter(request, response);
  }
}
