package dev.rotor.it.rp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The redirect URI. Jakarta Security handles the answer before any servlet runs and, with {@code
 * redirectToOriginalResource}, sends the browser on to the page it first asked for: this page is
 * only ever seen when that did not happen, and then says who (if anyone) is signed in.
 */
@WebServlet(CallbackServlet.PATH)
public class CallbackServlet extends HttpServlet {

  public static final String PATH = "/callback";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String caller =
        request.getUserPrincipal() == null ? "nobody" : request.getUserPrincipal().getName();
    response.setContentType("text/html;charset=UTF-8");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html><head><title>Callback</title></head><body>"
                + "<p>Callback reached, not sent on; signed in: <span id=\"callback-caller\">"
                + Html.escape(caller)
                + "</span>; error: <span id=\"error\">"
                + Html.escape(String.valueOf(request.getParameter("error")))
                + "</span></p></body></html>");
  }
}
