package dev.rotor.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes an error that the servlet layer answers (outside JAX-RS): problem details, or the format
 * of the component that owns the path ({@link PathErrorFormat}) for a client error that is no
 * challenge.
 */
@ApplicationScoped
public class ServletErrors {

  @Inject @Any Instance<PathErrorFormat> formats;

  public void write(
      HttpServletRequest request, HttpServletResponse response, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    PathErrorFormat own = status >= 400 && status < 500 ? owner(request) : null;
    if (own != null && status != 401 && status != 403) {
      response.setHeader("Cache-Control", "no-store");
      response.setContentType(own.mediaType());
      response.getWriter().write(own.body(status, detail));
      return;
    }
    if (status == 401 && response.getHeader("WWW-Authenticate") == null) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.setContentType(Problems.MEDIA_TYPE);
    response
        .getWriter()
        .write(Problems.json(status, WebApplicationExceptionMapper.title(status), detail, null));
  }

  private PathErrorFormat owner(HttpServletRequest request) {
    // On an error dispatch the request URI is the error page's; the original is an attribute.
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String uri = original instanceof String s ? s : request.getRequestURI();
    String context = request.getContextPath();
    String path = uri != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    if (path == null) {
      return null;
    }
    for (PathErrorFormat format : formats) {
      if (format.owns(path)) {
        return format;
      }
    }
    return null;
  }
}
