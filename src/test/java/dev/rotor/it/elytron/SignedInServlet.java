package dev.rotor.it.elytron;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The protected page of ElytronOidcClientIT's application: who WildFly's OIDC client says is signed
 * in. The name is the caller's username (principal-attribute preferred_username), not escaped: the
 * test's usernames are plain.
 */
@WebServlet(SignedInServlet.PATH)
public class SignedInServlet extends HttpServlet {

  public static final String PATH = "/profile";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/html;charset=UTF-8");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html><html><head><title>Signed in</title></head><body><p id=\"caller\">"
                + request.getRemoteUser()
                + "</p></body></html>");
  }
}
