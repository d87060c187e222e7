package dev.rotor.it.rp;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Unprotected: answers once the WAR is deployed (Payara Micro says "ready" even when it is not).
 */
@WebServlet(HealthServlet.PATH)
public class HealthServlet extends HttpServlet {

  public static final String PATH = "/health";

  public static final String UP = "relying party up";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(UP);
  }
}
