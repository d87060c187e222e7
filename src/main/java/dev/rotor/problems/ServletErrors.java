package dev.rotor.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an error that the servlet layer answers (outside JAX-RS) in the format of the path it was
 * asked on ({@link ErrorFormats}), as the exception mappers do inside JAX-RS.
 */
@ApplicationScoped
public class ServletErrors {

  @Inject ErrorFormats formats;

  public void write(
      HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException {
    Failure failure = Failure.of(status, Failure.standardTitle(status), detail);
    String challenge = response.getHeader("WWW-Authenticate");
    if (status == 401 && challenge != null) {
      // The authentication mechanism's own challenge, kept.
      failure = failure.withHeader("WWW-Authenticate", challenge);
    }
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    formats.render(path(request), failure).write(response);
  }

  /** The path relative to the application, as the client asked for it. */
  static String path(HttpServletRequest request) {
    // On an error dispatch the request URI is the error page's; the original is an attribute.
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = original instanceof String s ? s : request.getRequestURI();
    String context = request.getContextPath();
    return uri != null && context != null && uri.startsWith(context)
        ? uri.substring(context.length())
        : uri;
  }
}
