package dev.rotor.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's error pages (web.xml points every status here): errors raised outside JAX-RS,
 * such as the MP-JWT mechanism's 401, become problem details instead of an HTML page.
 */
@WebServlet("/error-page")
public class ErrorPageServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    if (status == 500 && isUnverifiableBearerToken(request)) {
      status = 401;
    }
    if (status == 401 && response.getHeader("WWW-Authenticate") == null) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    response.setStatus(status);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentType(Problems.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String detail =
        status >= 500 ? "Unexpected failure." : WebApplicationExceptionMapper.detail(status);
    response
        .getWriter()
        .write(Problems.json(status, WebApplicationExceptionMapper.title(status), detail, null));
  }

  /**
   * SmallRye JWT (WildFly) answers a bare 500, with no exception, when no published key matches a
   * token's {@code kid}; Payara answers 401. A credential we cannot verify is the caller's problem,
   * so this 500, and only this one (no exception, a bearer token, nobody authenticated), is a 401.
   */
  static boolean isUnverifiableBearerToken(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
        && request.getUserPrincipal() == null
        && authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }
}
