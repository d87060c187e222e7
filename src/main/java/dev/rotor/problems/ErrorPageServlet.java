package dev.rotor.problems;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error pages (web.xml points every status here): errors raised outside JAX-RS,
 * such as the MP-JWT mechanism's 401 or a {@code Content-Type} the runtime cannot parse, become
 * answers in the format of the path ({@link ServletErrors}), never an HTML page.
 */
@WebServlet("/error-page")
public class ErrorPageServlet extends HttpServlet {

  private static final System.Logger LOG = System.getLogger(ErrorPageServlet.class.getName());

  @Inject ServletErrors errors;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 500;
    if (status == 500 && isUnverifiableBearerToken(request)) {
      status = 401;
    }
    if (status == 500 && isUndecodableParameters(request)) {
      errors.write(request, response, 400, UNDECODABLE_PARAMETERS);
      return;
    }
    String detail = status >= 500 ? "Unexpected failure." : Failure.standardDetail(status);
    if (status >= 500
        && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
      // Outside JAX-RS no mapper logs it: without this a container-side 500 leaves no trace.
      String incident = java.util.UUID.randomUUID().toString();
      LOG.log(
          System.Logger.Level.ERROR,
          "Unexpected failure outside JAX-RS on "
              + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
              + ", incident "
              + incident,
          failure);
      detail = "Unexpected failure; incident " + incident + " is logged.";
    }
    errors.write(request, response, status, detail);
  }

  static final String UNDECODABLE_PARAMETERS =
      "The request's parameters cannot be decoded in the charset its Content-Type names.";

  /**
   * Payara decodes a query string in the charset of the request's {@code Content-Type}: Jersey
   * reads the parameters of a form-typed request without a body through the servlet, and with
   * {@code charset=UTF-16} every query is undecodable, a {@link java.io.CharConversionException}
   * raised before Rotor's code. That exception only ever means bytes the client sent that its own
   * charset cannot decode: the client's 400.
   */
  static boolean isUndecodableParameters(HttpServletRequest request) {
    for (Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        failure instanceof Throwable t;
        failure = t.getCause()) {
      if (t instanceof java.io.CharConversionException) {
        return true;
      }
    }
    return false;
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
