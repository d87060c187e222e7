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
import java.util.Enumeration;

/**
 * Request headers over {@link #MAX_HEADER_BYTES} in total, or more than {@link #MAX_HEADER_FIELDS}
 * header fields, get 431 Request Header Fields Too Large in the documented format. The servers are
 * set to accept more than this (Payara's HTTP listener through the pre-boot commands; WildFly's
 * Undertow takes 1 MiB and 200 fields by default), so that this WAR answers instead of the
 * container, which would close the connection with a bare 400; beyond the server's own limit it
 * still does (docs/platform-notes.md).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HeaderSizeLimit extends HttpFilter {

  /** Names and values of every header field, each counted with its ": " and CRLF. */
  public static final int MAX_HEADER_BYTES = 8192;

  public static final int MAX_HEADER_FIELDS = 100;

  @Inject ServletErrors errors;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (tooLarge(request)) {
      errors.write(
          request,
          response,
          431,
          "The request headers exceed "
              + MAX_HEADER_BYTES
              + " bytes or "
              + MAX_HEADER_FIELDS
              + " fields.");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean tooLarge(HttpServletRequest request) {
    Enumeration<String> names = request.getHeaderNames();
    if (names == null) {
      return false;
    }
    long bytes = 0;
    int fields = 0;
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      Enumeration<String> values = request.getHeaders(name);
      while (values != null && values.hasMoreElements()) {
        String value = values.nextElement();
        bytes += name.length() + 4 + (value == null ? 0 : value.length());
        fields++;
      }
    }
    return bytes > MAX_HEADER_BYTES || fields > MAX_HEADER_FIELDS;
  }
}
