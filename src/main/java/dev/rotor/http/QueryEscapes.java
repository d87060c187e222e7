package dev.rotor.http;

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
 * A query string with a malformed percent escape (a {@code %} not followed by two hex digits, RFC
 * 3986 §2.1) is the client's 400, in the owning component's format. Without this, Jersey (Payara)
 * answers a form-typed request without a body and such a query with a 500: its servlet reads the
 * query's parameters as form parameters and {@code UriComponent.decode} throws on the escape before
 * any of Rotor's JAX-RS code runs. So is an escaped NUL ({@code %00}): no query parameter of
 * Rotor's means one, and PostgreSQL answers one in a query parameter with an error ({@code GET
 * /admin/users?q=%00} was a 500).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class QueryEscapes extends HttpFilter {

  @Inject ServletErrors errors;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isMalformed(request.getQueryString())) {
      errors.write(
          request, response, 400, "The query string has a malformed percent escape or a NUL.");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean isMalformed(String query) {
    if (query == null) {
      return false;
    }
    for (int i = query.indexOf('%'); i >= 0; i = query.indexOf('%', i + 1)) {
      if (i + 2 >= query.length()
          || !isHex(query.charAt(i + 1))
          || !isHex(query.charAt(i + 2))
          || query.startsWith("00", i + 1)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
